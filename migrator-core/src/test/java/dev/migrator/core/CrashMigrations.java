package dev.migrator.core;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slow migration set whose runs the crash trials kill, and the check that each migration in it
 * is wholly in one state. Each up creates a table of many rows with an index; each down archives
 * those rows into a shared table and drops the table. Slow both ways, and every half-done state is
 * visible: a table missing rows, rows archived with the table still there, a history row that
 * disagrees with the tables.
 */
final class CrashMigrations {

	/** How many migrations the set has. */
	static final int COUNT = 8;

	/** The version rollback trials go back to: every down above it runs. */
	static final String FIRST = "1";

	/** The version of the backup restore trials restore. */
	static final String HALF = "4";

	static final int ROWS = 5_000;

	private CrashMigrations() {
	}

	/**
	 * Writes the set into the fixture's migrations folder, in the engine's SQL.
	 * @param noTransaction whether each up is a {@code -- migrator:no-transaction} script
	 */
	static void write(DatabaseFixture fx, CrashEngine engine, boolean noTransaction) throws IOException {
		String text = engine.textType();
		for (int version = 1; version <= COUNT; version++) {
			String table = table(version);
			String archive = (version == 1) ? """
					CREATE TABLE archive (source INTEGER NOT NULL, id INTEGER NOT NULL, payload %s NOT NULL,
					    PRIMARY KEY (source, id));
					CREATE INDEX archive_payload ON archive (payload);
					""".formatted(text) : "";
			fx.write(version + "_bulk_" + version + ".sql", (noTransaction ? "-- migrator:no-transaction\n" : "")
					+ archive + """
					CREATE TABLE %1$s (id INTEGER PRIMARY KEY, payload %3$s NOT NULL);
					%2$s
					CREATE INDEX %1$s_payload ON %1$s (payload);
					""".formatted(table, engine.fill(table, ROWS), text));
			if (version > 1) {
				fx.write(version + "_bulk_" + version + ".down.sql", """
						INSERT INTO archive (source, id, payload) SELECT %2$d, id, payload FROM %1$s;
						DROP TABLE %1$s;
						""".formatted(table, version));
			}
		}
	}

	/**
	 * What an operator does with a migration the kill left partially applied: undo by hand what it
	 * did (its tables), then forget it, so that the next migrate runs it again whole.
	 */
	static void undoPartiallyApplied(DatabaseFixture fx) throws SQLException {
		List<String> failed = fx.tables().contains("schema_migrations")
				? fx.query("SELECT version FROM schema_migrations WHERE status = 'failed'") : List.of();
		for (String version : failed) {
			List<String> tables = fx.tables();
			if (tables.contains(table(Integer.parseInt(version)))) {
				fx.execute("DROP TABLE " + table(Integer.parseInt(version)));
			}
			if (version.equals("1") && tables.contains("archive")) {
				fx.execute("DROP TABLE archive");
			}
		}
		if (!failed.isEmpty()) {
			fx.migrator().repair();
		}
	}

	static String table(int version) {
		return "bulk_" + version;
	}

	/**
	 * One line for each migration that is not wholly applied (recorded applied, its table complete,
	 * nothing archived), wholly rolled back (recorded rolled back, its table gone, all its rows
	 * archived), wholly never applied (no record, no table, nothing archived), or known as partially
	 * applied (recorded failed: its start marker, committed before its first statement, whatever its
	 * statements left).
	 */
	static List<String> inconsistencies(DatabaseFixture fx) throws SQLException {
		List<String> tables = fx.tables();
		Map<String, String> status = new HashMap<>();
		if (tables.contains("schema_migrations")) {
			for (String row : fx.query("SELECT version, status FROM schema_migrations")) {
				String[] columns = row.split("\\|");
				status.put(columns[0], columns[1]);
			}
		}
		boolean archive = tables.contains("archive");
		Map<String, Long> archived = new HashMap<>();
		if (archive) {
			for (String row : fx.query("SELECT source, count(*) FROM archive GROUP BY source")) {
				String[] columns = row.split("\\|");
				archived.put(columns[0], Long.parseLong(columns[1]));
			}
		}
		List<String> problems = new ArrayList<>();
		for (int version = 1; version <= COUNT; version++) {
			String recorded = status.getOrDefault(String.valueOf(version), "nothing");
			String table = table(version);
			long rows = tables.contains(table) ? Long.parseLong(fx.query("SELECT count(*) FROM " + table).get(0)) : -1;
			long archivedRows = archived.getOrDefault(String.valueOf(version), 0L);
			boolean whole = switch (recorded) {
				case "applied" -> archive && rows == ROWS && archivedRows == 0;
				case "rolled_back" -> rows == -1 && archivedRows == ROWS;
				// partially applied, and known to be: every later run says so and refuses to run it
				case "failed" -> archivedRows == 0;
				// never applied (or failed, rolled back with its transaction, and so not recorded)
				default -> rows == -1 && archivedRows == 0 && (version != 1 || !archive);
			};
			if (!whole) {
				problems.add("v%d: history says %s, table %s %s, %d rows archived".formatted(version, recorded, table,
						(rows == -1) ? "absent" : "has " + rows + " rows", archivedRows));
			}
		}
		return problems;
	}

}
