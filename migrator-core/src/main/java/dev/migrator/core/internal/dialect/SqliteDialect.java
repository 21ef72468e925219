package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.BackupSettings;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.backup.SqliteBackupStore;
import dev.migrator.core.internal.jdbc.DriverDataSource;
import dev.migrator.core.internal.jdbc.SqliteDatabaseFile;
import dev.migrator.core.internal.lock.FileMigrationLock;
import dev.migrator.core.internal.lock.MigrationLock;
import dev.migrator.core.internal.sql.SqliteStatementSplitter;
import dev.migrator.core.internal.sql.StatementSplitter;

/** SQLite: transactional DDL, ISO-8601 text timestamps, and foreign keys handled around table rebuilds. */
final class SqliteDialect implements Dialect {

	// SQLite's primary result codes (the low byte of an extended code)
	private static final int BUSY = 5;

	private static final int LOCKED = 6;

	private static final int READONLY = 8;

	private static final int IOERR = 10;

	private static final int FULL = 13;

	private static final int CANTOPEN = 14;

	private static final int NOTADB = 26;

	/** The database as messages name it: its file, or the URL of one that has none. */
	private final String database;

	private SqliteDialect(String database) {
		this.database = database;
	}

	/**
	 * The dialect for a SQLite connection, once its file is known to be a database. SQLite opens any
	 * file and fails only on the first read, deep inside whatever command reads first; a file that is
	 * not a database (a wrong path in the URL, a file overwritten) is refused here with its name.
	 */
	static SqliteDialect of(Connection connection) throws SQLException {
		String url = connection.getMetaData().getURL();
		String database = (url != null && url.startsWith("jdbc:sqlite:")) ? url.substring("jdbc:sqlite:".length()) : url;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA schema_version")) {
			rs.next();
		}
		catch (SQLException ex) {
			if (primaryCode(ex) == NOTADB) {
				throw new MigratorException("The file " + database + " is not a SQLite database (SQLite: "
						+ ex.getMessage() + "); check the URL points at the right file. Migrator did not touch it.", ex);
			}
			// locked by a writer (a migration holding it, an application's write): a database all the same,
			// and whatever reads it next waits for the lock or says why it cannot
			if (primaryCode(ex) != BUSY && primaryCode(ex) != LOCKED) {
				throw ex;
			}
		}
		return new SqliteDialect(SqliteDatabaseFile.of(connection).map(Path::toString).orElse(database));
	}

	private static String folderOf(String database) {
		try {
			Path parent = Path.of(database).toAbsolutePath().getParent();
			return (parent != null) ? parent.toString() : "of the database";
		}
		catch (RuntimeException ex) {
			// a URL that is no path (file:...?mode=ro on Windows): the file's name has to do
			return "of the database";
		}
	}

	private static int primaryCode(SQLException ex) {
		return ex.getErrorCode() & 0xff;
	}

	@Override
	public String name() {
		return "SQLite";
	}

	@Override
	public StatementSplitter splitter() {
		return new SqliteStatementSplitter();
	}

	@Override
	public List<String> createHistoryTables(Configuration configuration) {
		return List.of("CREATE TABLE IF NOT EXISTS " + qualified(configuration, configuration.table()) + " ("
				+ "version VARCHAR(50) NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
				+ "type VARCHAR(10) NOT NULL, script VARCHAR(1000) NOT NULL, checksum VARCHAR(64), "
				+ "status VARCHAR(20) NOT NULL, applied_at VARCHAR(35) NOT NULL, applied_by VARCHAR(100), "
				+ "execution_time_ms BIGINT NOT NULL)",
				"CREATE TABLE IF NOT EXISTS " + qualified(configuration, configuration.logTable()) + " ("
						+ "id INTEGER PRIMARY KEY AUTOINCREMENT, version VARCHAR(50), description VARCHAR(200), "
						+ "action VARCHAR(20) NOT NULL, success BOOLEAN NOT NULL, error TEXT, "
						+ "performed_by VARCHAR(100), performed_at VARCHAR(35) NOT NULL, execution_time_ms BIGINT)");
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	/** In {@code main}: a temporary table of the same name, or an attached file, must not stand in for it. */
	@Override
	public String qualified(Configuration configuration, String table) {
		return "main." + table;
	}

	@Override
	public SessionState sessionState(Connection connection) throws SQLException {
		return SqliteSessionState.of(connection);
	}

	/** SQLite has no schemas to put the history in (its "schemas" are attached database files). */
	@Override
	public void requireSupported(Configuration configuration) {
		if (configuration.schema() != null) {
			throw new MigratorException("The schema setting (migrator.schema = " + configuration.schema()
					+ ") is for server databases; SQLite has no schemas: remove the setting");
		}
	}

	@Override
	public String explain(SQLException failure) {
		String message = String.valueOf(failure.getMessage());
		if (message.contains("cannot VACUUM from within a transaction")) {
			return "VACUUM cannot run inside a transaction: put it in a migration of its own whose first line is"
					+ " -- migrator:no-transaction";
		}
		return null;
	}

	/** SQLite's codes for a file it could not write: the database, its folder or its disk, never the script. */
	@Override
	public String environmentFailure(SQLException failure) {
		String folder = folderOf(this.database);
		return switch (primaryCode(failure)) {
			case BUSY, LOCKED -> "Another connection held a lock on " + this.database + " for longer than the busy"
					+ " timeout, so the migration could not write. Run migrate again when the other writer is done (keep"
					+ " the application's write transactions short, or raise busy_timeout in the URL).";
			case READONLY -> "The database file " + this.database + " (or its folder " + folder + ", where SQLite"
					+ " writes its journal) is read-only for this process; make the database file and its folder"
					+ " writable by this process, then run migrate again.";
			case CANTOPEN -> "SQLite could not create its journal beside " + this.database + ": the folder " + folder
					+ " is not writable by this process; make the database file and its folder writable by this"
					+ " process, then run migrate again.";
			case FULL, IOERR -> "The disk holding " + this.database + " is full or failing; free some space (or"
					+ " check the disk), then run migrate again.";
			default -> null;
		};
	}

	@Override
	public List<String> integrityProblems(Connection connection, IntegrityCheck check) throws SQLException {
		if (check == IntegrityCheck.NONE) {
			return List.of();
		}
		String pragma = (check == IntegrityCheck.FULL) ? "PRAGMA integrity_check" : "PRAGMA quick_check";
		List<String> problems = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(pragma)) {
			while (rs.next()) {
				String line = rs.getString(1);
				if (!"ok".equalsIgnoreCase(line)) {
					problems.add(line);
				}
			}
		}
		return problems;
	}

	/**
	 * An OS lock on a file beside the database: it dies with its process, so a crashed runner never
	 * leaves it stuck (see {@link FileMigrationLock}). In-memory databases lock within the JVM.
	 */
	@Override
	public MigrationLock lock(Connection connection) throws SQLException {
		return FileMigrationLock.forSqlite(connection, connection.getMetaData().getURL());
	}

	@Override
	public Optional<String> stateFingerprint(Connection connection, Configuration configuration) throws SQLException {
		String log = "'" + configuration.logTable() + "'";
		return Optional.of(ReadSnapshot.read(connection, () -> {
			List<String> rows = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> "
							+ log + " AND name <> 'sqlite_sequence' ORDER BY name")) {
				while (rs.next()) {
					rows.add("SELECT * FROM " + quote(rs.getString(1)));
				}
			}
			StateFingerprint fingerprint = StateFingerprint.start()
				.add(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name <> " + log
						+ " ORDER BY type, name");
			if (hasTable(connection, "sqlite_sequence")) {
				fingerprint.add(connection, "SELECT name, seq FROM sqlite_sequence WHERE name <> " + log + " ORDER BY name");
			}
			return fingerprint.addEach(connection, rows).hex();
		}));
	}

	private static boolean hasTable(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
			return rs.next();
		}
	}

	@Override
	public ForeignWrites foreignWrites() {
		return new SqliteForeignWrites();
	}

	/**
	 * Online backups through SQLite's backup API into {@code backup.directory}, by default a
	 * {@code backups} folder beside the database file. In-memory databases have no file to back up.
	 */
	@Override
	public Optional<BackupStore> backupStore(Connection connection, Configuration.Backup settings) throws SQLException {
		return backupStore(connection, settings, Configuration.DEFAULT_INTEGRITY_CHECK);
	}

	/**
	 * Each new backup's copy is checked with {@code PRAGMA integrity_check} under
	 * {@code integrityCheck(FULL)}, else with {@code PRAGMA quick_check}.
	 */
	@Override
	public Optional<BackupStore> backupStore(Connection connection, Configuration configuration) throws SQLException {
		return backupStore(connection, configuration.backup(), configuration.integrityCheck());
	}

	private static Optional<BackupStore> backupStore(Connection connection, Configuration.Backup settings,
			IntegrityCheck check) throws SQLException {
		Optional<Path> database = SqliteDatabaseFile.of(connection);
		if (database.isEmpty()) {
			return Optional.empty();
		}
		Path directory = (settings.directory() != null) ? settings.directory()
				: database.get().toAbsolutePath().resolveSibling("backups");
		return Optional.of(new SqliteBackupStore(
				BackupSettings.of(directory, settings, settings.compress()),
				Clock.systemUTC(), check).of(database.get()));
	}

	/**
	 * A verified copy through the backup API in a temporary folder, opened with the same
	 * foreign-key enforcement as the real connection, so the dry run behaves as the real run would.
	 */
	@Override
	public Optional<DatabaseCopy> copyForDryRun(Connection connection, Configuration configuration)
			throws SQLException {
		Optional<BackupStore> store = backupStore(connection, configuration.backup());
		if (store.isEmpty()) {
			return Optional.empty();
		}
		Path directory;
		try {
			directory = Files.createTempDirectory("migrator-dry-run-");
		}
		catch (IOException ex) {
			throw new SQLException("Cannot create a folder for the dry run's copy: " + ex.getMessage(), ex);
		}
		DatabaseCopy copy = new DatabaseCopy(null, directory);
		try {
			Path file = store.get().copyForDryRun(connection, directory.resolve("dry-run.db"));
			String url = "jdbc:sqlite:" + file + (foreignKeysEnforced(connection) ? "?foreign_keys=true" : "");
			return Optional.of(new DatabaseCopy(new DriverDataSource(url, null, null), directory));
		}
		catch (RuntimeException | SQLException ex) {
			copy.close();
			throw ex;
		}
	}

	private static boolean foreignKeysEnforced(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA foreign_keys")) {
			return rs.next() && rs.getInt(1) == 1;
		}
	}

	/**
	 * SQLite has no transaction id, and sqlite-jdbc's {@code getAutoCommit()} reports its own flag,
	 * not the database's: after a raw COMMIT it still says false while every statement commits as
	 * it runs. The database answers a BEGIN inside a transaction with an error and changes nothing,
	 * so a BEGIN that fails that way proves the transaction is still open; one that succeeds proves
	 * it was ended, and opens the transaction the engine's rollback then ends. (A SAVEPOINT or a
	 * write would not tell: both work, and open a transaction, either way.)
	 */
	@Override
	public Object transactionMark(Connection connection) {
		return Boolean.TRUE;
	}

	@Override
	public boolean sameTransaction(Connection connection, Object mark) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN");
			return false;
		}
		catch (SQLException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("within a transaction")) {
				return true;
			}
			throw ex;
		}
	}

	@Override
	public TransactionHooks transactionHooks() {
		return new ForeignKeys();
	}

	@Override
	public void setTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		// Text, so a person reading the file with the sqlite3 shell sees a date, not epoch millis.
		statement.setString(index, instant.toString());
	}

	@Override
	public Instant getTimestamp(ResultSet resultSet, String column) throws SQLException {
		String value = resultSet.getString(column);
		return (value != null) ? InstantText.parse(value) : null;
	}

	/**
	 * SQLite's 12-step table rebuild needs foreign-key enforcement off, and the pragma is a no-op
	 * inside a transaction: switch it off before BEGIN, demand a clean foreign_key_check before
	 * COMMIT, and switch it back on afterwards. Only where the connection enforced foreign keys:
	 * a database that never did may hold old violations that are not this migration's doing.
	 */
	private static final class ForeignKeys implements TransactionHooks {

		private boolean wasEnforced;

		@Override
		public void beforeBegin(Connection connection) throws SQLException {
			this.wasEnforced = foreignKeysEnforced(connection);
			if (this.wasEnforced) {
				execute(connection, "PRAGMA foreign_keys = OFF");
			}
		}

		@Override
		public void beforeCommit(Connection connection) throws SQLException {
			if (!this.wasEnforced) {
				return;
			}
			List<String> violations = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
				while (rs.next() && violations.size() < 20) {
					violations.add("table " + rs.getString(1) + " rowid " + rs.getObject(2) + " references missing row in "
							+ rs.getString(3));
				}
			}
			if (!violations.isEmpty()) {
				throw new SQLException("foreign key violations after the migration (PRAGMA foreign_key_check): "
						+ String.join("; ", violations)
						+ "; the migration must leave every reference valid (copy or fix the rows it rebuilds)");
			}
		}

		@Override
		public void afterEnd(Connection connection) throws SQLException {
			if (this.wasEnforced) {
				execute(connection, "PRAGMA foreign_keys = ON");
			}
		}

		private static void execute(Connection connection, String sql) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

	}

}
