package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.backup.MysqlBackupStore;
import dev.migrator.core.internal.lock.MigrationLock;
import dev.migrator.core.internal.lock.MysqlMigrationLock;
import dev.migrator.core.internal.sql.MysqlStatementSplitter;
import dev.migrator.core.internal.sql.StatementSplitter;

/**
 * MySQL and MariaDB, one dialect for both: the same SQL for everything Migrator does, told apart
 * only in names and in the dump tool preferred. DDL commits implicitly, so a failed migration can
 * be half-applied; the engine then records exactly which statements ran and restores the run's
 * backup (mysqldump) where there is one.
 */
final class MysqlDialect implements Dialect {

	private final boolean mariaDb;

	/** The current database when the command began, where the history is kept; null if there was none. */
	private final String database;

	private MysqlDialect(boolean mariaDb, String database) {
		this.mariaDb = mariaDb;
		this.database = database;
	}

	/**
	 * MariaDB Connector/J names MariaDB servers "MariaDB"; MySQL Connector/J calls every server
	 * "MySQL", and only the version ("11.4.5-MariaDB") tells a MariaDB server apart.
	 */
	static MysqlDialect of(Connection connection) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String version = metaData.getDatabaseProductVersion();
		String database;
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
			rs.next();
			database = rs.getString(1);
		}
		return new MysqlDialect("MariaDB".equalsIgnoreCase(metaData.getDatabaseProductName())
				|| (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")), database);
	}

	@Override
	public String homeCatalog() {
		return this.database;
	}

	/** In the database of the command's start, whatever {@code USE} a migration ran. */
	@Override
	public String qualified(Configuration configuration, String table) {
		if (configuration.schema() != null || this.database == null) {
			return Dialect.super.qualified(configuration, table);
		}
		return quote(this.database) + "." + table;
	}

	@Override
	public SessionState sessionState(Connection connection) throws SQLException {
		return MysqlSessionState.of(connection);
	}

	@Override
	public String name() {
		return this.mariaDb ? "MariaDB" : "MySQL";
	}

	/** The vendor as the {@code {vendor}} location placeholder spells it: {@code mysql} or {@code mariadb}. */
	public String vendor() {
		return this.mariaDb ? "mariadb" : "mysql";
	}

	@Override
	public StatementSplitter splitter() {
		return new MysqlStatementSplitter();
	}

	/**
	 * InnoDB (so the history row commits with a DML-only migration, or not at all), utf8mb4 (so any
	 * description fits), microsecond DATETIME holding UTC (DATETIME, not TIMESTAMP: no conversion
	 * through the session time zone, and no 2038 limit).
	 */
	@Override
	public List<String> createHistoryTables(Configuration configuration) {
		String options = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
		return List.of("CREATE TABLE IF NOT EXISTS " + qualified(configuration, configuration.table()) + " ("
				+ "version VARCHAR(50) NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
				+ "type VARCHAR(10) NOT NULL, script VARCHAR(1000) NOT NULL, checksum VARCHAR(64), "
				+ "status VARCHAR(20) NOT NULL, applied_at DATETIME(6) NOT NULL, applied_by VARCHAR(100), "
				+ "execution_time_ms BIGINT NOT NULL)" + options,
				"CREATE TABLE IF NOT EXISTS " + qualified(configuration, configuration.logTable()) + " ("
						+ "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, version VARCHAR(50), description VARCHAR(200), "
						+ "action VARCHAR(20) NOT NULL, success BOOLEAN NOT NULL, error MEDIUMTEXT, "
						+ "performed_by VARCHAR(100), performed_at DATETIME(6) NOT NULL, execution_time_ms BIGINT)"
						+ options);
	}

	/** Every DDL statement commits the open transaction before it runs, and itself when it ends. */
	@Override
	public boolean transactionalDdl() {
		return false;
	}

	@Override
	public TransactionHooks transactionHooks() {
		return new TransactionHooks() {
		};
	}

	/**
	 * {@code FULL}: {@code CHECK TABLE} on every table and view of the database. It reads all of each
	 * table and blocks writes to it meanwhile, which is why {@code QUICK}, the default after every
	 * run, checks nothing here: InnoDB verifies page checksums whenever it reads a page anyway, and
	 * there is no cheap whole-database check to run instead.
	 */
	@Override
	public List<String> integrityProblems(Connection connection, IntegrityCheck check) throws SQLException {
		if (check != IntegrityCheck.FULL) {
			return List.of();
		}
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
						+ "WHERE table_schema = DATABASE() AND table_type IN ('BASE TABLE', 'VIEW') ORDER BY table_name")) {
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
		}
		List<String> problems = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("CHECK TABLE " + quote(table))) {
					while (rs.next()) {
						String type = rs.getString("Msg_type");
						String text = rs.getString("Msg_text");
						if ("error".equalsIgnoreCase(type) || ("status".equalsIgnoreCase(type) && !"OK".equalsIgnoreCase(text))) {
							problems.add(table + ": " + text);
						}
					}
				}
			}
		}
		return problems;
	}

	/** {@code GET_LOCK} on the run's own connection: see {@link MysqlMigrationLock}. */
	@Override
	public MigrationLock lock(Connection connection) throws SQLException {
		return MysqlMigrationLock.on(connection, name());
	}

	/** From information_schema, not SHOW CREATE: the AUTO_INCREMENT counters there are not the state. */
	@Override
	public Optional<String> stateFingerprint(Connection connection, Configuration configuration) throws SQLException {
		String log = "'" + configuration.logTable() + "'";
		String here = " WHERE table_schema = DATABASE() AND table_name <> " + log;
		return Optional.of(ReadSnapshot.read(connection, () -> {
			List<String> rows = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables" + here
							+ " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
				while (rs.next()) {
					rows.add("SELECT * FROM " + quote(rs.getString(1)));
				}
			}
			return StateFingerprint.start()
				.add(connection, "SELECT table_name, table_type, engine FROM information_schema.tables" + here + " ORDER BY 1")
				.add(connection, "SELECT table_name, column_name, ordinal_position, column_type, is_nullable, column_default, "
						+ "extra FROM information_schema.columns" + here + " ORDER BY 1, 3")
				.add(connection, "SELECT table_name, index_name, seq_in_index, column_name, non_unique FROM "
						+ "information_schema.statistics" + here + " ORDER BY 1, 2, 3")
				.add(connection, "SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints"
						+ here + " ORDER BY 1, 2")
				.add(connection, "SELECT table_name, view_definition FROM information_schema.views" + here + " ORDER BY 1")
				.add(connection, "SELECT routine_type, routine_name, routine_definition FROM information_schema.routines "
						+ "WHERE routine_schema = DATABASE() ORDER BY 1, 2")
				.add(connection, "SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_statement "
						+ "FROM information_schema.triggers WHERE trigger_schema = DATABASE() ORDER BY 1")
				.addEach(connection, rows)
				.hex();
		}));
	}

	@Override
	public ForeignWrites foreignWrites() {
		return new MysqlForeignWrites();
	}

	/** Dumps with mysqldump (or mariadb-dump); empty, so the run warns, where neither can be found. */
	@Override
	public Optional<BackupStore> backupStore(Connection connection, Configuration.Backup settings)
			throws SQLException {
		return MysqlBackupStore.find(connection, settings, this.mariaDb);
	}

	@Override
	public String noBackupReason() {
		return "no dump tool for " + name() + " was found (set migrator.backup.dump-tool, or put "
				+ (this.mariaDb ? "mariadb-dump" : "mysqldump") + " on the PATH: Debian/Ubuntu package "
				+ (this.mariaDb ? "mariadb-client" : "default-mysql-client or mariadb-client") + ")";
	}

	/**
	 * Refused, saying why, rather than empty: the engine's generic refusal names in-memory databases,
	 * which is not the reason here.
	 */
	@Override
	public Optional<DatabaseCopy> copyForDryRun(Connection connection, Configuration configuration) {
		throw new MigratorException("Dry runs are not available on " + name() + ": a dry run needs a throwaway copy "
				+ "of the database or a transaction to roll back, and " + name() + " commits every DDL statement "
				+ "(CREATE, ALTER, DROP) the moment it runs, so neither can be had. Nothing was changed. Try the "
				+ "migrations on a copy of the database (restore a backup into a scratch database and point a run at "
				+ "it), or run them for real: a backup is taken first, and a failure restores it.");
	}

	@Override
	public String quote(String identifier) {
		return '`' + identifier.replace("`", "``") + '`';
	}

	@Override
	public void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

	@Override
	public Instant getTimestamp(ResultSet resultSet, String column) throws SQLException {
		LocalDateTime value = resultSet.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

}
