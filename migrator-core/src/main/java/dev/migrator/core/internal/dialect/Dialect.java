package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

	/**
	 * The name that replaces {@code {vendor}} in migration locations: {@code sqlite},
	 * {@code postgresql}, {@code mysql}, {@code mariadb}.
	 */
	default String vendor() {
		return name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/** A splitter that knows this database's quoting, comments and block syntax. */
	StatementSplitter splitter();

	/** Statements creating the history and log tables if they do not exist yet. */
	List<String> createHistoryTables(Configuration configuration);

	/**
	 * A table's name as SQL should write it: in the configured schema, if there is one, else where the
	 * session was when the command began ({@link #homeSchema}), never wherever a migration's
	 * {@code SET search_path} or {@code USE} left the session.
	 */
	default String qualified(Configuration configuration, String table) {
		return (configuration.schema() != null) ? configuration.schema() + "." + table : table;
	}

	/**
	 * The schema the connection was in when the command began (PostgreSQL's {@code current_schema()},
	 * read once), where the history is kept when no schema is configured; null where the database has
	 * no schemas, or the catalog stands for them ({@link #homeCatalog}).
	 */
	default String homeSchema() {
		return null;
	}

	/** The same for databases that are catalogs (MySQL's current database, read once); null if none. */
	default String homeCatalog() {
		return null;
	}

	/**
	 * Reads what a migration's SQL or code could change on the connection's session for whoever uses it
	 * next (its settings, role, current database, temporary tables, …), to put it back afterwards.
	 */
	default SessionState sessionState(Connection connection) throws SQLException {
		return SessionState.NONE;
	}

	/** Whether DDL takes part in transactions, so a failed migration leaves no trace. */
	boolean transactionalDdl();

	/** What to do around one migration transaction on this connection; a fresh object per transaction. */
	TransactionHooks transactionHooks();

	/**
	 * What to do around one migration transaction with its settings (schema, timeouts); a dialect
	 * that has no such settings ignores them.
	 */
	default TransactionHooks transactionHooks(TransactionSettings settings) {
		return transactionHooks();
	}

	/**
	 * Refuses settings this database cannot honour (SQLite: a schema), before a command does anything.
	 * @throws MigratorException saying which setting and what to do
	 */
	default void requireSupported(Configuration configuration) {
	}

	/**
	 * A sentence to add to the database's message when a migration's statement failed for a reason
	 * the user can act on (a statement that cannot run in a transaction, a timeout); null if none.
	 */
	default String explain(SQLException failure) {
		return null;
	}

	/**
	 * What to do when a migration failed for a reason outside its script (the database could not be
	 * written: read-only, locked by another writer, disk full; or the connection was lost), or null
	 * when the script may be at fault. Such a failure is not recorded against the migration, since
	 * nothing is wrong with it: the next run simply tries it again.
	 */
	default String environmentFailure(SQLException failure) {
		return null;
	}

	/**
	 * A token for the transaction the connection is in, taken when a migration starts, so that
	 * {@link #sameTransaction} can tell before the commit whether the migration ended it (a raw
	 * {@code COMMIT} run past every guard, say by a Java migration). Null where the dialect does not
	 * tell: MySQL and MariaDB commit every DDL statement anyway, and the savepoints of
	 * {@code MigrationExecutor} find what they committed.
	 */
	default Object transactionMark(Connection connection) throws SQLException {
		return null;
	}

	/**
	 * Whether a savepoint set before a statement still exists, that is the database did not commit
	 * that statement on its own; throws (or answers false) when it is gone. Called after a failed
	 * statement, before the transaction is rolled back. By default releasing it tells (the database
	 * refuses to release a savepoint its commit dropped).
	 */
	default boolean savepointStillThere(Connection connection, Savepoint mark) throws SQLException {
		connection.releaseSavepoint(mark);
		return true;
	}

	/** Whether the connection is still in the transaction {@code mark} was taken in. */
	default boolean sameTransaction(Connection connection, Object mark) throws SQLException {
		return true;
	}

	/**
	 * The database's own consistency check; an empty list means it passed. {@code NONE} checks
	 * nothing.
	 */
	List<String> integrityProblems(Connection connection, IntegrityCheck check) throws SQLException;

	/** The lock that keeps a second runner off this database while one works on it. */
	MigrationLock lock(Connection connection) throws SQLException;

	/**
	 * Where this database's backups are kept, or empty where the dialect cannot back it up (a
	 * run then relies on transactions alone, and says so, with {@link #noBackupReason}).
	 */
	Optional<BackupStore> backupStore(Connection connection, Configuration.Backup settings) throws SQLException;

	/**
	 * {@link #backupStore(Connection, Configuration.Backup)} for a run of this configuration, whose
	 * other settings may shape the backups (SQLite: {@link Configuration#integrityCheck()} chooses the
	 * check of each new backup's copy).
	 */
	default Optional<BackupStore> backupStore(Connection connection, Configuration configuration) throws SQLException {
		return backupStore(connection, configuration.backup());
	}

	/** Why {@link #backupStore} is empty, for the run's warnings: "…; the run relies on transactions alone". */
	default String noBackupReason() {
		return "this " + name() + " database cannot be backed up here (an in-memory database)";
	}

	/**
	 * Whether running without a backup is the normal case here (an in-memory test database), so that
	 * the run says so at INFO instead of warning on every start.
	 */
	default boolean backupNotExpected() {
		return false;
	}

	/**
	 * How a run tells whether anything else wrote to the database since its backup, which decides
	 * whether the backup may be restored automatically. By default nothing can be proven, so
	 * nothing is restored over the application's writes.
	 */
	default ForeignWrites foreignWrites() {
		return ForeignWrites.unprovable("Migrator cannot tell on " + name() + " whether other connections wrote since");
	}

	/**
	 * A fingerprint of the database's state (schema and every row, the append-only log left out),
	 * so that a backup of the very same state is not taken twice; empty where the dialect has none.
	 */
	default Optional<String> stateFingerprint(Connection connection, Configuration configuration) throws SQLException {
		return Optional.empty();
	}

	/** How a dry run works on this database. */
	default DryRunMethod dryRunMethod() {
		return DryRunMethod.COPY;
	}

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

	/** The dialect for the database behind the connection, working with the configuration's settings. */
	static Dialect of(Connection connection, Configuration configuration) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		if ("SQLite".equalsIgnoreCase(product)) {
			return SqliteDialect.of(connection);
		}
		if ("PostgreSQL".equalsIgnoreCase(product)) {
			return PostgresDialect.of(connection, configuration);
		}
		if ("MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product)) {
			return MysqlDialect.of(connection);
		}
		if ("H2".equalsIgnoreCase(product)) {
			return new H2Dialect(connection, configuration);
		}
		if ("HSQL Database Engine".equalsIgnoreCase(product)) {
			return new HsqldbDialect(connection, configuration);
		}
		throw new MigratorException("Migrator does not support " + product
				+ " yet: the supported databases are SQLite, PostgreSQL, MySQL, MariaDB, H2 and HSQLDB");
	}

}
