package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.backup.DumpTool;
import dev.migrator.core.internal.backup.PgDumpBackupStore;
import dev.migrator.core.internal.lock.LockTableMigrationLock;
import dev.migrator.core.internal.lock.MigrationLock;
import dev.migrator.core.internal.lock.PostgresAdvisoryLock;
import dev.migrator.core.internal.sql.PostgresStatementSplitter;
import dev.migrator.core.internal.sql.StatementSplitter;

/**
 * PostgreSQL: transactional DDL, {@code timestamptz} history, an identity column for the log,
 * advisory locks (or the lock table), the schema as {@code search_path}, per-migration
 * {@code lock_timeout} and {@code statement_timeout} with {@code SET LOCAL}, dry runs in a
 * transaction that is rolled back, and backups with {@code pg_dump} where it is installed.
 */
final class PostgresDialect implements Dialect {

	private static final Logger logger = LoggerFactory.getLogger(PostgresDialect.class);

	private static final String CANNOT_RUN_IN_TRANSACTION = "25001";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String QUERY_CANCELED = "57014";

	private final Configuration configuration;

	/** {@code current_schema()} when the command began: the history's schema when none is configured. */
	private final String homeSchema;

	private PostgresDialect(Configuration configuration, String homeSchema) {
		this.configuration = configuration;
		this.homeSchema = homeSchema;
	}

	/**
	 * The dialect for a PostgreSQL connection, once it has somewhere to keep the history. A
	 * search_path naming no existing schema leaves {@code current_schema()} null: PostgreSQL then
	 * creates nothing, and the metadata, asked for tables in a null schema, finds the history tables
	 * of every other schema. Refused here, by name; a configured schema is created, so it is exempt.
	 */
	static PostgresDialect of(Connection connection, Configuration configuration) throws SQLException {
		String homeSchema = null;
		if (configuration.schema() == null) {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT current_schema(), current_setting('search_path')")) {
				rs.next();
				homeSchema = rs.getString(1);
				if (homeSchema == null) {
					throw new MigratorException("The connection's search_path (" + rs.getString(2) + ") names no schema"
							+ " that exists, so PostgreSQL has nowhere to keep the history tables or to run the migrations:"
							+ " create the schema (CREATE SCHEMA ...), correct currentSchema in the URL, or set the schema"
							+ " setting (migrator.schema), which is created if missing. Nothing was changed.");
				}
			}
		}
		return new PostgresDialect(configuration, homeSchema);
	}

	@Override
	public String homeSchema() {
		return this.homeSchema;
	}

	@Override
	public String qualified(Configuration configuration, String table) {
		if (configuration.schema() != null || this.homeSchema == null) {
			return Dialect.super.qualified(configuration, table);
		}
		return quote(this.homeSchema) + "." + table;
	}

	@Override
	public SessionState sessionState(Connection connection) throws SQLException {
		return PostgresSessionState.of(connection);
	}

	@Override
	public String name() {
		return "PostgreSQL";
	}

	@Override
	public StatementSplitter splitter() {
		return new PostgresStatementSplitter();
	}

	@Override
	public List<String> createHistoryTables(Configuration configuration) {
		return List.of("CREATE TABLE IF NOT EXISTS " + qualified(configuration, configuration.table()) + " ("
				+ "version VARCHAR(50) NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
				+ "type VARCHAR(10) NOT NULL, script VARCHAR(1000) NOT NULL, checksum VARCHAR(64), "
				+ "status VARCHAR(20) NOT NULL, applied_at TIMESTAMPTZ NOT NULL, applied_by VARCHAR(100), "
				+ "execution_time_ms BIGINT NOT NULL)",
				"CREATE TABLE IF NOT EXISTS " + qualified(configuration, configuration.logTable()) + " ("
						+ "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, version VARCHAR(50), description VARCHAR(200), "
						+ "action VARCHAR(20) NOT NULL, success BOOLEAN NOT NULL, error TEXT, "
						+ "performed_by VARCHAR(100), performed_at TIMESTAMPTZ NOT NULL, execution_time_ms BIGINT)");
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	/**
	 * The transaction's id: a COMMIT ends it, and pgjdbc (auto-commit off) opens a new one with the
	 * next statement, whose id differs. Inside a dry run's savepoint it is the outer transaction's.
	 */
	@Override
	public Object transactionMark(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT txid_current()")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Override
	public boolean sameTransaction(Connection connection, Object mark) throws SQLException {
		return mark.equals(transactionMark(connection));
	}

	@Override
	public TransactionHooks transactionHooks() {
		return transactionHooks(TransactionSettings.PLAIN);
	}

	@Override
	public TransactionHooks transactionHooks(TransactionSettings settings) {
		return new PostgresSettings(settings);
	}

	/**
	 * The schema first, so what migrations create goes there, and the rest of the path after it, so
	 * what they use from elsewhere (extensions in {@code public}, say) stays visible.
	 */
	static String searchPath(String schema, String current) {
		String first = current.split(",", 2)[0].strip().replace("\"", "");
		if (first.equalsIgnoreCase(schema) || current.isBlank()) {
			return current.isBlank() ? schema : current;
		}
		return schema + ", " + current;
	}

	@Override
	public String explain(SQLException failure) {
		String state = String.valueOf(failure.getSQLState());
		return switch (state) {
			case CANNOT_RUN_IN_TRANSACTION -> "This statement cannot run inside a transaction (CREATE INDEX CONCURRENTLY,"
					+ " ALTER TYPE ... ADD VALUE before PostgreSQL 12, VACUUM): put it in a migration of its own whose first"
					+ " line is -- migrator:no-transaction.";
			case LOCK_NOT_AVAILABLE -> "The migration waited longer than its lock timeout for a lock another session"
					+ " holds; find that session in pg_stat_activity and pg_locks, then run again when it is done, or raise"
					+ " the timeout (-- migrator:lock-timeout=..., migrator.migration-lock-timeout).";
			case QUERY_CANCELED -> "A statement ran longer than its statement timeout, or was cancelled; if it needs more"
					+ " time, raise it (-- migrator:statement-timeout=..., migrator.statement-timeout).";
			default -> null;
		};
	}

	/**
	 * The connection lost (class 08, or the server ending it: 57P01-57P03, e.g. pg_terminate_backend
	 * or a restart), the server out of room (class 53), or a read-only server (25006: a standby):
	 * the transaction died with the failure, so nothing of the migration stays.
	 */
	@Override
	public String environmentFailure(SQLException failure) {
		String state = String.valueOf(failure.getSQLState());
		if (state.startsWith("08") || state.startsWith("57P")) {
			return "The connection to PostgreSQL was lost while the migration ran (SQLSTATE " + state + ": the server"
					+ " ended it, restarted, or the network failed); the server rolled its transaction back. Run migrate"
					+ " again once the database is reachable.";
		}
		if (state.startsWith("53")) {
			return "The PostgreSQL server ran out of a resource (SQLSTATE " + state + ": disk, memory or connections);"
					+ " free it, then run migrate again.";
		}
		if (state.equals("25006")) {
			return "The PostgreSQL server is read-only (a standby, or default_transaction_read_only is on); migrate"
					+ " against the primary.";
		}
		return null;
	}

	/**
	 * Nothing to check: PostgreSQL checks constraints as statements run and keeps its files
	 * consistent through its write-ahead log, and it has no cheap whole-database check like SQLite's
	 * {@code quick_check} (amcheck is an extension needing rights a migration user rarely has).
	 */
	@Override
	public List<String> integrityProblems(Connection connection, IntegrityCheck check) {
		return List.of();
	}

	/**
	 * {@link dev.migrator.core.api.LockMode#AUTO} is the transaction-level advisory lock: it dies with
	 * its connection like the session-level one, and unlike it, it also holds behind PgBouncer in
	 * transaction pooling, where a session-level lock stays on a server connection others then use.
	 */
	@Override
	public MigrationLock lock(Connection connection) throws SQLException {
		String database;
		String schema;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_database(), current_schema()")) {
			rs.next();
			database = rs.getString(1);
			// the schema of the command's start, not the one a migration's search_path left
			schema = (this.configuration.schema() != null) ? this.configuration.schema()
					: (this.homeSchema != null) ? this.homeSchema : rs.getString(2);
		}
		Configuration.Lock settings = this.configuration.lock();
		String table = qualified(this.configuration, this.configuration.lockTable());
		String description = "PostgreSQL database " + database + " (schema " + schema + ", lock "
				+ this.configuration.lockTable() + ")";
		return switch (settings.mode()) {
			case SESSION -> PostgresAdvisoryLock.sessionLevel(this.configuration.dataSource(),
					PostgresAdvisoryLock.key(database, schema, this.configuration.lockTable()), description);
			case TABLE -> new LockTableMigrationLock(this.configuration.dataSource(), table,
					lockTableDdl(table), settings.lease(), description);
			case AUTO, TRANSACTION -> PostgresAdvisoryLock.transactionLevel(this.configuration.dataSource(),
					PostgresAdvisoryLock.key(database, schema, this.configuration.lockTable()), settings.lease(),
					description);
		};
	}

	private List<String> lockTableDdl(String table) {
		String create = "CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER NOT NULL PRIMARY KEY, "
				+ LockTableMigrationLock.COLUMNS_DDL.replace("{timestamp}", "TIMESTAMPTZ") + ")";
		return (this.configuration.schema() != null)
				? List.of("CREATE SCHEMA IF NOT EXISTS " + this.configuration.schema(), create) : List.of(create);
	}

	/**
	 * {@code pg_dump} in custom format into {@code backup.directory} (default: the server's folder, see
	 * {@code ServerBackupFolder}), when the configured dump tool or one on the PATH is there.
	 */
	@Override
	public Optional<BackupStore> backupStore(Connection connection, Configuration.Backup settings) throws SQLException {
		Optional<DumpTool> tool = DumpTool.find(settings.dumpTool(), "pg_dump", System.getenv("PATH"));
		if (tool.isEmpty()) {
			return Optional.empty();
		}
		PgDumpBackupStore.Target target = PgDumpBackupStore.target(connection, this.configuration);
		return Optional.of(new PgDumpBackupStore(tool.get(), PgDumpBackupStore.settings(settings, target), target,
				Clock.systemUTC()));
	}

	@Override
	public String noBackupReason() {
		return "pg_dump was not found on the PATH (install the PostgreSQL client tools, Debian/Ubuntu package"
				+ " postgresql-client, or set migrator.backup.dump-tool)";
	}

	@Override
	public DryRunMethod dryRunMethod() {
		return DryRunMethod.ROLLED_BACK_TRANSACTION;
	}

	@Override
	public Optional<DatabaseCopy> copyForDryRun(Connection connection, Configuration configuration) {
		return Optional.empty();
	}

	@Override
	public void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

	@Override
	public Instant getTimestamp(ResultSet resultSet, String column) throws SQLException {
		OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static String setting(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
			statement.setString(1, name);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	/** {@code set_config}: a parameter, not SQL text, so no value can smuggle SQL in. */
	static void setConfig(Connection connection, String name, String value, boolean local) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, ?)")) {
			statement.setString(1, name);
			statement.setString(2, value);
			statement.setBoolean(3, local);
			statement.executeQuery().close();
		}
	}

	/** PostgreSQL's timeouts take at most INT_MAX milliseconds (24.8 days): longer is as good as none. */
	static String millis(Duration duration) {
		long millis = duration.toMillis();
		return (millis > Integer.MAX_VALUE ? 0 : millis) + "ms";
	}

	/**
	 * The schema and timeouts of one migration: {@code SET LOCAL} inside its transaction, so they end
	 * with it whatever happens; a no-transaction migration sets them for the session and puts the
	 * previous values back afterwards.
	 */
	private static final class PostgresSettings implements TransactionHooks {

		private final TransactionSettings settings;

		private String[][] previous = new String[0][];

		PostgresSettings(TransactionSettings settings) {
			this.settings = settings;
		}

		@Override
		public void afterBegin(Connection connection) throws SQLException {
			String[][] values = {
					{ "search_path",
							(this.settings.schema() != null)
									? searchPath(this.settings.schema(), setting(connection, "search_path")) : null },
					{ "lock_timeout", (this.settings.lockTimeout() != null) ? millis(this.settings.lockTimeout()) : null },
					{ "statement_timeout",
							(this.settings.statementTimeout() != null) ? millis(this.settings.statementTimeout()) : null } };
			if (!this.settings.transactional()) {
				this.previous = new String[values.length][];
				for (int i = 0; i < values.length; i++) {
					if (values[i][1] != null) {
						this.previous[i] = new String[] { values[i][0], setting(connection, values[i][0]) };
					}
				}
			}
			for (String[] value : values) {
				if (value[1] != null) {
					setConfig(connection, value[0], value[1], this.settings.transactional());
					logger.debug("Migration runs with {} = {}", value[0], value[1]);
				}
			}
		}

		@Override
		public void afterEnd(Connection connection) throws SQLException {
			for (String[] value : this.previous) {
				if (value != null) {
					setConfig(connection, value[0], value[1], false);
				}
			}
		}

	}

}
