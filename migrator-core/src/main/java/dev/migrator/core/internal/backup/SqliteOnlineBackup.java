package dev.migrator.core.internal.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.jdbc.SqliteDatabaseFile;

/**
 * SQLite's online backup API, reached through sqlite-jdbc's {@code backup to} and
 * {@code restore from} statements on a plain {@link Statement}, so the engine needs no compile-time
 * dependency on the driver; plus the pragmas that check a database file.
 * <p>
 * Both statements have traps that the callers close: sqlite-jdbc copies 100 pages per step and lets
 * go of the source between steps, so a writer on another connection restarts the copy (under a
 * steady writer in WAL mode it never finishes); and {@code restore from} reports success when it
 * gave up waiting for a lock held by another connection, having changed nothing.
 */
final class SqliteOnlineBackup {

	private SqliteOnlineBackup() {
	}

	/** The file behind the connection's main database. */
	static Path mainFile(Connection connection) throws SQLException {
		return SqliteDatabaseFile.of(connection)
			.orElseThrow(() -> new MigratorException("in-memory databases cannot be backed up; disable backups"));
	}

	/**
	 * Copies the main database into the file, all of it from one snapshot, and returns the page
	 * count of that snapshot. Holding one read transaction across the whole copy is what makes it
	 * consistent and restart-free: a WAL writer goes on committing past the snapshot, a rollback
	 * journal writer waits (its busy timeout) until the copy is done.
	 */
	static long copy(Connection connection, Path target) throws SQLException {
		requireNoTransaction(connection, "take a backup");
		connection.setAutoCommit(false);
		try {
			// The first read opens the read transaction; page_count is read in the very snapshot copied.
			long pages = pageCount(connection);
			execute(connection, "backup to '" + uri(target) + "'");
			return pages;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	/** Replaces the main database with the file's content, through the connection's own locks. */
	static void restore(Connection connection, Path source) throws SQLException {
		requireNoTransaction(connection, "restore a backup");
		execute(connection, "restore from '" + uri(source) + "'");
	}

	/** What PRAGMA integrity_check answers: "ok", or its findings joined (at most 20). */
	static String integrityCheck(Connection connection) throws SQLException {
		return check(connection, true);
	}

	/**
	 * What PRAGMA integrity_check ({@code full}) or PRAGMA quick_check answers: "ok", or its findings
	 * joined (at most 20). quick_check checks everything integrity_check does except that each index
	 * holds exactly its table's rows, and UNIQUE constraints, which is the costly part of a database
	 * of many indexed rows.
	 */
	static String check(Connection connection, boolean full) throws SQLException {
		List<String> findings = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA " + pragma(full) + "(20)")) {
			while (rs.next()) {
				findings.add(rs.getString(1));
			}
		}
		return String.join("; ", findings);
	}

	static long pageCount(Connection connection) throws SQLException {
		return queryLong(connection, "PRAGMA page_count");
	}

	/** Bumped by every schema change, and by a restore: how a restore that did nothing is caught. */
	static long schemaVersion(Connection connection) throws SQLException {
		return queryLong(connection, "PRAGMA schema_version");
	}

	/** The pragma {@link #check(Connection, boolean)} runs. */
	static String pragma(boolean full) {
		return full ? "integrity_check" : "quick_check";
	}

	/** Checks a database file: integrity (PRAGMA integrity_check) and page count. */
	static FileCheck check(Path file) throws SQLException {
		return check(file, true);
	}

	/** Checks a database file: PRAGMA integrity_check ({@code full}) or quick_check, and page count. */
	static FileCheck check(Path file, boolean full) throws SQLException {
		try (Connection connection = open(file)) {
			return new FileCheck(check(connection, full), pageCount(connection));
		}
	}

	/** The page count of a database file, which reading its header proves is a SQLite database. */
	static long pageCount(Path file) throws SQLException {
		try (Connection connection = open(file)) {
			return pageCount(connection);
		}
	}

	/**
	 * Makes a copy of a WAL database a rollback-journal one: the copy carries the WAL flag of its
	 * source, and would otherwise need -wal and -shm files beside it to be opened, even read-only.
	 */
	static void useRollbackJournal(Path file) throws SQLException {
		try (Connection connection = open(file); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA journal_mode = DELETE")) {
			String mode = rs.next() ? rs.getString(1) : null;
			if (!"delete".equalsIgnoreCase(mode)) {
				throw new SQLException("could not switch the copy to the rollback journal: journal_mode is " + mode);
			}
		}
	}

	static Connection open(Path file) throws SQLException {
		return DriverManager.getConnection("jdbc:sqlite:" + uri(file));
	}

	/**
	 * A file: URI, which sqlite-jdbc and SQLite both accept: it survives spaces, quotes and '?' in
	 * a path where a bare path in a JDBC URL or a quoted statement argument would not.
	 */
	private static String uri(Path file) {
		return file.toAbsolutePath().toUri().toString().replace("'", "%27").replace("\"", "%22");
	}

	private static void requireNoTransaction(Connection connection, String action) throws SQLException {
		if (!connection.getAutoCommit()) {
			throw new MigratorException("cannot " + action + " on a connection inside a transaction: commit or roll back"
					+ " first (the online backup needs its own read transaction, a restore needs the database unlocked)");
		}
	}

	private static long queryLong(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			if (!rs.next()) {
				throw new SQLException(sql + " returned no row");
			}
			return rs.getLong(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	/** What integrity_check and page_count answered for a database file. */
	record FileCheck(String integrity, long pageCount) {

		boolean intact() {
			return "ok".equals(this.integrity);
		}

	}

}
