package dev.migrator.core;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the crash trials need to know of one engine: a fresh database, how to fill a table with many
 * rows in one statement, and the engine's own checks that a killed run left nothing broken.
 */
enum CrashEngine {

	SQLITE("SQLite", true) {

		@Override
		DatabaseFixture open(Path dir) throws IOException {
			return new SqliteFixture(dir);
		}

		@Override
		String url(DatabaseFixture fx) {
			return ((SqliteFixture) fx).url();
		}

		@Override
		String fill(String table, int rows) {
			return ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %2$d)"
					+ " INSERT INTO %1$s (id, payload) SELECT i, hex(randomblob(32)) FROM n;").formatted(table, rows);
		}

		@Override
		List<String> integrityProblems(DatabaseFixture fx) throws SQLException {
			List<String> problems = new ArrayList<>();
			List<String> integrity = fx.query("PRAGMA integrity_check");
			if (!integrity.equals(List.of("ok"))) {
				problems.add("PRAGMA integrity_check: " + integrity);
			}
			List<String> foreignKeys = fx.query("PRAGMA foreign_key_check");
			if (!foreignKeys.isEmpty()) {
				problems.add("PRAGMA foreign_key_check: " + foreignKeys);
			}
			return problems;
		}

		@Override
		void discard(DatabaseFixture fx) {
			// the trial's folder goes with the test's temporary directory
		}

	},

	POSTGRESQL("PostgreSQL", false) {

		@Override
		DatabaseFixture open(Path dir) throws IOException {
			return new PostgresFixture(dir);
		}

		@Override
		String url(DatabaseFixture fx) {
			return ((PostgresFixture) fx).url();
		}

		@Override
		String fill(String table, int rows) {
			return "INSERT INTO %1$s (id, payload) SELECT g, md5(random()::text) || md5(g::text) FROM generate_series(1, %2$d) g;"
				.formatted(table, rows);
		}

		/**
		 * PostgreSQL keeps itself consistent through its write-ahead log; what a killed run could
		 * leave is an index marked invalid (a failed CREATE INDEX CONCURRENTLY) or a prepared
		 * transaction; a lock left held shows in the lock wait the trials measure.
		 */
		@Override
		List<String> integrityProblems(DatabaseFixture fx) throws SQLException {
			List<String> problems = new ArrayList<>();
			List<String> invalid = fx.query("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
					+ " AND NOT (i.indisvalid AND i.indisready)");
			if (!invalid.isEmpty()) {
				problems.add("invalid indexes: " + invalid);
			}
			List<String> prepared = fx.query("SELECT gid FROM pg_prepared_xacts");
			if (!prepared.isEmpty()) {
				problems.add("prepared transactions left: " + prepared);
			}
			return problems;
		}

		@Override
		void discard(DatabaseFixture fx) throws SQLException {
			fx.execute("DROP SCHEMA " + ((PostgresFixture) fx).schema + " CASCADE");
		}

	},

	/**
	 * DDL commits on its own here, so every migration is marked started before its first statement
	 * and a kill may leave one known as partially applied.
	 */
	MARIADB("MariaDB", false) {

		@Override
		DatabaseFixture open(Path dir) throws IOException {
			return new MariaDbFixture(dir);
		}

		@Override
		String url(DatabaseFixture fx) {
			return ((MariaDbFixture) fx).url();
		}

		@Override
		List<String> credentials(DatabaseFixture fx) {
			MariaDbFixture mariaDb = (MariaDbFixture) fx;
			return List.of(mariaDb.server.user(), mariaDb.server.password());
		}

		@Override
		String fill(String table, int rows) {
			// a cross join of digits, not a recursive CTE: servers cap its depth (max_recursive_iterations)
			String digits = "(SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
					+ " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
			return ("INSERT INTO %1$s (id, payload) SELECT n, concat(md5(rand()), md5(n)) FROM (SELECT a.i + 10 * b.i"
					+ " + 100 * c.i + 1000 * d.i + 1 AS n FROM %3$s a, %3$s b, %3$s c, %3$s d) numbers WHERE n <= %2$d;")
				.formatted(table, rows, digits);
		}

		/** An index on a TEXT column needs a prefix length here; 64 characters fit a VARCHAR. */
		@Override
		String textType() {
			return "VARCHAR(100)";
		}

		/** InnoDB recovers itself from its redo log; what the trials check is history against tables. */
		@Override
		List<String> integrityProblems(DatabaseFixture fx) {
			return List.of();
		}

		@Override
		void discard(DatabaseFixture fx) throws SQLException {
			for (String table : fx.tables()) {
				fx.execute("DROP TABLE " + table);
			}
		}

	};

	private final String displayName;

	private final boolean files;

	CrashEngine(String displayName, boolean files) {
		this.displayName = displayName;
		this.files = files;
	}

	/** A database of this engine in (or for) the folder: empty, or the one copied there. */
	abstract DatabaseFixture open(Path dir) throws IOException;

	/** The JDBC URL of the fixture's database, for a child JVM. */
	abstract String url(DatabaseFixture fx);

	/** The user and password a child JVM connects with, besides the URL; empty where the URL says it all. */
	List<String> credentials(DatabaseFixture fx) {
		return List.of();
	}

	/** The type of the set's text columns, which carry an index. */
	String textType() {
		return "TEXT";
	}

	/** One statement that fills {@code table (id, payload)} with {@code rows} rows of 64 random characters. */
	abstract String fill(String table, int rows);

	/** What the engine's own checks find wrong in the database; empty when all is well. */
	abstract List<String> integrityProblems(DatabaseFixture fx) throws SQLException;

	/** Frees what a trial's database holds on a server. */
	abstract void discard(DatabaseFixture fx) throws SQLException;

	/** Whether the whole database is files in its folder, so a start state is prepared once and copied. */
	boolean isFiles() {
		return this.files;
	}

	@Override
	public String toString() {
		return this.displayName;
	}

}
