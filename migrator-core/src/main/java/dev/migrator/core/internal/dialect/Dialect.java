package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.lock.MigrationLock;
import dev.migrator.core.internal.sql.StatementSplitter;

/**
 * What differs from one database to the next. Nothing outside a dialect may assume a particular
 * database; a new database is a new implementation, picked from the connection's metadata.
 */
public interface Dialect {

	/** The database's name, as users know it. */
	String name();

	/** A splitter that knows this database's quoting, comments and block syntax. */
	StatementSplitter splitter();

	/** Statements creating the history and log tables if they do not exist yet. */
	List<String> createHistoryTables(Configuration configuration);

	/** Whether DDL takes part in transactions, so a failed migration leaves no trace. */
	boolean transactionalDdl();

	/** What to do around one migration transaction on this connection; a fresh object per transaction. */
	TransactionHooks transactionHooks();

	/**
	 * The database's own consistency check; an empty list means it passed. {@code NONE} checks
	 * nothing.
	 */
	List<String> integrityProblems(Connection connection, IntegrityCheck check) throws SQLException;

	/** The lock that keeps a second runner off this database while one works on it. */
	MigrationLock lock(Connection connection) throws SQLException;

	/**
	 * Where this database's backups are kept, or empty where the dialect cannot back it up (a
	 * run then relies on transactions alone, and says so).
	 */
	Optional<BackupStore> backupStore(Connection connection, Configuration.Backup settings) throws SQLException;

	/**
	 * A throwaway copy of the database for a dry run to work on, or empty where the dialect cannot
	 * make one.
	 */
	Optional<DatabaseCopy> copyForDryRun(Connection connection, Configuration configuration) throws SQLException;

	/** Quotes an identifier so any name is safe to put in SQL. */
	default String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** Stores an instant in a history timestamp column. */
	void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException;

	/** Reads an instant from a history timestamp column. */
	Instant getTimestamp(ResultSet resultSet, String column) throws SQLException;

	/** The dialect for the database behind the connection. */
	static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		if ("SQLite".equalsIgnoreCase(product)) {
			return new SqliteDialect();
		}
		if ("MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product)) {
			return MysqlDialect.of(connection);
		}
		throw new MigratorException("Migrator does not support " + product + " yet: the supported database is SQLite");
	}

}
