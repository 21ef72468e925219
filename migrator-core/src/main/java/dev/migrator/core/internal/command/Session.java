package dev.migrator.core.internal.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.dialect.TransactionHooks;
import dev.migrator.core.internal.dialect.TransactionSettings;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.history.HistoryStore;
import dev.migrator.core.internal.jdbc.Secrets;
import dev.migrator.core.internal.lock.LockHolder;
import dev.migrator.core.internal.lock.LockLease;
import dev.migrator.core.internal.resolve.MigrationIndexFile;
import dev.migrator.core.internal.resolve.MigrationResolver;
import dev.migrator.core.internal.resolve.Resolution;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.resolve.SqlScript;

/**
 * One command's hold on the database: a connection (its auto-commit restored on close), the
 * dialect behind it, the history store, and who is running it. Nothing else is changed on the
 * connection for longer than a transaction: it may be the application's pooled one, or a pooler's
 * server connection that other clients get next. What a migration changes on the session (its
 * settings, role, current database, …) is put back after it ({@link LentSessionState}).
 * <p>
 * A dry run on a database that rolls back DDL works in one transaction on the database itself:
 * each migration's transaction becomes a savepoint in it, and closing the session rolls it all back.
 */
public final class Session implements AutoCloseable {

	private final Configuration configuration;

	private final Connection connection;

	private final boolean originalAutoCommit;

	private final Dialect dialect;

	private final HistoryStore history;

	private final String user;

	private final Listeners listeners;

	private final boolean dryRun;

	private final boolean rolledBackAtClose;

	/**
	 * The session as the connection was lent, read before the first transaction (a start with nothing
	 * to do reads nothing more), put back after every transaction and at close.
	 */
	private LentSessionState lent;

	/** The migration lock taken before the connection (see {@link Sessions}), handed out by the first {@link #lock()}. */
	private LockLease lockTakenFirst;

	/**
	 * Who holds the migration lock of the SQLite file this read-only session reads, when someone did as it
	 * opened: its reads then wait only briefly (see {@link #openForReading}), and a command that finds the
	 * database locked answers from what can be known.
	 */
	private SqliteReads.InProgress migrating;

	/** The lease of the latest {@link #lock()}, for {@link #committed}. */
	private LockLease lease;

	/** The connection's busy timeout before a read-only session shortened it, restored on close; or -1. */
	private int busyTimeoutToRestore = -1;

	/** The files as the latest {@link #states()} read them, or null. */
	private Resolution resolvedFiles;

	/** The migrations of the latest {@link #states()} by script, for the settings of their transactions. */
	private final Map<String, ResolvedMigration> byScript = new HashMap<>();

	private Session(Configuration configuration, Connection connection, boolean dryRun, boolean rolledBackAtClose)
			throws SQLException {
		this.configuration = configuration;
		this.dryRun = dryRun;
		this.rolledBackAtClose = rolledBackAtClose;
		this.connection = connection;
		this.originalAutoCommit = connection.getAutoCommit();
		this.dialect = Dialect.of(connection, configuration);
		this.history = new HistoryStore(configuration, this.dialect);
		String dbUser = connection.getMetaData().getUserName();
		this.user = (dbUser != null && !dbUser.isBlank()) ? dbUser : System.getProperty("user.name");
		this.listeners = new Listeners(configuration.listeners());
		if (!this.originalAutoCommit) {
			connection.setAutoCommit(true);
		}
		this.dialect.requireSupported(configuration);
		if (rolledBackAtClose) {
			connection.setAutoCommit(false);
		}
	}

	/** Opens a connection from the configured DataSource. */
	public static Session open(Configuration configuration) {
		return open(configuration, false);
	}

	/** Opens a connection; a dry-run session works on a throwaway copy and tells listeners so. */
	static Session open(Configuration configuration, boolean dryRun) {
		return open(configuration, dryRun, false);
	}

	/**
	 * Opens a dry-run session on the database itself, in one transaction that closing rolls back:
	 * nothing it does is ever committed.
	 */
	static Session openRolledBackAtClose(Configuration configuration) {
		return open(configuration, true, true);
	}

	/**
	 * Opens a connection for a command that takes the migration lock, which {@link Sessions} may have
	 * taken already, before the connection: the first {@link #lock()} hands it out.
	 */
	static Session open(Configuration configuration, LockLease lockTakenFirst) {
		Session session = open(configuration, false, false);
		session.lockTakenFirst = lockTakenFirst;
		return session;
	}

	/**
	 * Opens a connection for a command that only reads. On a SQLite file whose migration lock is held,
	 * a migration may hold the database's write lock for as long as it runs, and in rollback-journal
	 * mode no reader gets in meanwhile: this session's reads then wait only {@value #BUSY_MILLIS_WHILE_MIGRATING}
	 * ms, and {@link #migrating()} says who holds the lock, so the command answers within about a second.
	 */
	static Session openForReading(Configuration configuration) {
		Connection connection = connect(configuration);
		SqliteReads.InProgress migrating;
		int busyTimeout = -1;
		try {
			migrating = SqliteReads.migrationInProgress(connection).orElse(null);
			if (migrating != null) {
				busyTimeout = SqliteReads.shortenBusyTimeout(connection, BUSY_MILLIS_WHILE_MIGRATING);
			}
		}
		catch (SQLException ex) {
			closeQuietly(connection, ex);
			throw new MigratorException("Could not read the database's metadata: " + ex.getMessage(), ex);
		}
		Session session = open(configuration, connection, false, false, busyTimeout);
		session.migrating = migrating;
		session.busyTimeoutToRestore = busyTimeout;
		return session;
	}

	/** How long a read waits for a migrating writer's lock before the command answers without it. */
	static final int BUSY_MILLIS_WHILE_MIGRATING = 200;

	private static Session open(Configuration configuration, boolean dryRun, boolean rolledBackAtClose) {
		return open(configuration, connect(configuration), dryRun, rolledBackAtClose, -1);
	}

	private static Connection connect(Configuration configuration) {
		try {
			return configuration.dataSource().getConnection();
		}
		catch (SQLException ex) {
			// a DataSource of the application's may quote its URL, password and all
			SQLException masked = Secrets.mask(ex, null);
			throw new MigratorException("Could not connect to the database: " + masked.getMessage()
					+ "; check the URL, user and password, and that the database is reachable", masked);
		}
	}

	private static Session open(Configuration configuration, Connection connection, boolean dryRun,
			boolean rolledBackAtClose, int busyTimeoutToRestore) {
		try {
			return new Session(configuration, connection, dryRun, rolledBackAtClose);
		}
		catch (SQLException | RuntimeException ex) {
			if (busyTimeoutToRestore >= 0) {
				try {
					SqliteReads.shortenBusyTimeout(connection, busyTimeoutToRestore);
				}
				catch (SQLException restoreFailure) {
					ex.addSuppressed(restoreFailure);
				}
			}
			closeQuietly(connection, ex);
			if (ex instanceof MigratorException migratorException) {
				throw migratorException;
			}
			throw new MigratorException("Could not read the database's metadata: " + ex.getMessage(), ex);
		}
	}

	/** Who held the SQLite file's migration lock as this read-only session opened, if anyone. */
	Optional<SqliteReads.InProgress> migrating() {
		return Optional.ofNullable(this.migrating);
	}

	Configuration configuration() {
		return this.configuration;
	}

	Connection connection() {
		return this.connection;
	}

	Dialect dialect() {
		return this.dialect;
	}

	HistoryStore history() {
		return this.history;
	}

	String user() {
		return this.user;
	}

	Listeners listeners() {
		return this.listeners;
	}

	/** Whether this is a dry run in one transaction on the database itself, rolled back when it closes. */
	boolean rolledBackAtClose() {
		return this.rolledBackAtClose;
	}

	/** Whether this session works on a dry run's copy, or in a dry run's transaction. */
	boolean dryRun() {
		return this.dryRun;
	}

	/** Where backups of this database go, or empty where the dialect cannot make them. */
	Optional<BackupStore> backupStore() throws SQLException {
		return this.dialect.backupStore(this.connection, this.configuration);
	}

	/** The code's migrations against the database's history, as of now; a problem in the code fails. */
	MigrationStates states() throws SQLException {
		this.resolvedFiles = resolver().resolve();
		return states(this.resolvedFiles);
	}

	/**
	 * The history as of now against the files as this session's last {@link #states()} read them
	 * (read now if it has not): a migrate reads them once, lock-free, and under the lock reads
	 * only the history again, which is what the lock protects.
	 */
	MigrationStates statesWithFilesAsRead() throws SQLException {
		return (this.resolvedFiles != null) ? states(this.resolvedFiles) : states();
	}

	/**
	 * The highest applied version, from the history alone: what a run reports before and after itself
	 * needs no file read (at 10,000 migrations, reading them is most of a dry-run rollback's time).
	 */
	MigrationVersion currentVersion() throws SQLException {
		List<HistoryStore.RowSummary> rows = this.history.summaries(this.connection);
		if (rows == null) {
			return states().current(); // a version that does not parse: the full read says what is wrong
		}
		return rows.stream()
			.filter((row) -> AppliedMigration.Status.APPLIED.value().equals(row.status()))
			.map(HistoryStore.RowSummary::version)
			// a repeatable's stand-in sorts after every version but is never the current one
			.filter((version) -> !version.isRepeatable())
			.max(MigrationVersion::compareTo)
			.orElse(MigrationVersion.EMPTY);
	}

	/** The same for a report: a file that cannot be read is left out and counted among the problems. */
	MigrationStates statesForReport() throws SQLException {
		return states(resolver().resolveReporting());
	}

	/** The code's resolver, with this database's facts for Flyway's built-in placeholders. */
	MigrationResolver resolver() {
		return new MigrationResolver(this.configuration, this.dialect.vendor()).withDatabaseFacts(this::databaseFacts);
	}

	/**
	 * What Flyway's {@code ${flyway:user}}, {@code ${flyway:database}} and {@code ${flyway:defaultSchema}} stand
	 * for: the user connected, the database (SQLite's is {@code main}), and the configured schema or the one
	 * the session started in.
	 */
	private Map<String, String> databaseFacts() {
		try {
			Map<String, String> facts = new HashMap<>();
			String user = this.connection.getMetaData().getUserName();
			facts.put("flyway:user", (user != null) ? user : "");
			String catalog = (this.dialect.homeCatalog() != null) ? this.dialect.homeCatalog() : this.connection.getCatalog();
			boolean sqlite = "sqlite".equals(this.dialect.vendor());
			facts.put("flyway:database", (sqlite || catalog == null) ? "main" : catalog);
			String schema = (this.configuration.schema() != null) ? this.configuration.schema()
					: (this.dialect.homeSchema() != null) ? this.dialect.homeSchema() : this.connection.getSchema();
			facts.put("flyway:defaultSchema", sqlite ? "main" : (schema != null) ? schema : catalog);
			return facts;
		}
		catch (SQLException ex) {
			throw new MigratorException("Could not read the database's user, name or schema for Flyway's ${flyway:user},"
					+ " ${flyway:database} or ${flyway:defaultSchema} placeholders: " + ex.getMessage()
					+ "; set the one a script uses with migrator.placeholders", ex);
		}
	}

	/**
	 * The same for {@code status}: from the build-time index while it is fresh, without reading a
	 * file (a changed file changes its size or modification time, which makes the index stale).
	 */
	MigrationStates statesForStatus() throws SQLException {
		Optional<Resolution> indexed = MigrationIndexFile.readFreshForReport(this.configuration);
		return indexed.isPresent() ? statesOf(indexed.get()) : statesForReport();
	}

	private MigrationStates states(Resolution resolution) throws SQLException {
		this.byScript.clear();
		resolution.migrations().forEach((migration) -> this.byScript.put(migration.script(), migration));
		return statesOf(resolution);
	}

	private MigrationStates statesOf(Resolution resolution) throws SQLException {
		List<AppliedMigration> rows = this.history.load(this.connection);
		// read only where a failed row needs its details: an up-to-date start pays nothing for them
		Set<MigrationVersion> failed = rows.stream()
			.filter((row) -> row.status() == AppliedMigration.Status.FAILED)
			.map(AppliedMigration::version)
			.collect(Collectors.toSet());
		return new MigrationStates(resolution, rows, this.history.appliedButMissing(this.connection, rows),
				this.history.lastAttempts(this.connection, failed), this.configuration);
	}

	/**
	 * Takes the migration lock, waiting up to the configured time, and logs a takeover from a
	 * holder that died. Taken before the history is read, so what a run decides on stays true.
	 */
	LockLease lock() throws SQLException {
		LockLease lease = this.lockTakenFirst;
		this.lockTakenFirst = null;
		if (lease == null) {
			lease = this.dialect.lock(this.connection).acquire(this.configuration.lock());
		}
		this.lease = lease;
		Optional<LockHolder> previous = lease.tookOverFrom();
		if (previous.isPresent()) {
			this.history.create(this.connection);
			log(null, null, LogRecord.LOCK_TAKEOVER, true,
					"took over the lock from " + previous.get().describe() + ", which ended without releasing it", null);
		}
		return lease;
	}

	/**
	 * Stops the run, saying so, when the lock this run took is no longer its own (see
	 * {@link LockLease#ensureHeld}): called before each step commits, so that a runner paused past its
	 * lease and taken over never commits alongside the one that took over.
	 */
	void ensureLockHeld(String before) {
		if (this.lease != null) {
			this.lease.ensureHeld(before);
		}
	}

	/** Tells those who look at the lock that this run has committed the database up to {@code version}. */
	void committed(MigrationVersion version) {
		if (this.lease != null) {
			this.lease.committed(version.toString());
		}
	}

	/** Who holds the lock now, without taking it. */
	Optional<LockHolder> lockHolder() throws SQLException {
		return this.dialect.lock(this.connection).holder();
	}

	/** Appends a log entry in a transaction of its own. */
	void log(String version, String description, String action, boolean success, String error, Long millis)
			throws SQLException {
		this.history.log(this.connection,
				new LogRecord(version, description, action, success, error, this.user, Instant.now(), millis));
	}

	/** Work done in a migration transaction. */
	interface Work {

		void run() throws StepFailure, SQLException;

	}

	/** The migrations of the code as the last read of the states resolved them. */
	List<ResolvedMigration> resolvedLast() {
		return List.copyOf(this.byScript.values());
	}

	/**
	 * Runs work in one transaction with the dialect's hooks around it, or, for a no-transaction
	 * migration, with auto-commit on and the same hooks. The schema and timeouts are those of the
	 * migration whose script this is (an up), as its directives and the configuration say.
	 */
	void transaction(boolean transactional, String script, Work work) throws StepFailure, SQLException {
		ResolvedMigration migration = this.byScript.get(script);
		SqlScript up = (migration != null && this.configuration.transactionMode() == TransactionMode.PER_MIGRATION)
				? migration.up() : null;
		transaction(settings(transactional, up), script, work);
	}

	/**
	 * What a transaction runs with: the configured schema and timeouts, a script's directives taking
	 * precedence.
	 * @param script the up or down being run, or null (a Java migration, a history change)
	 */
	TransactionSettings settings(boolean transactional, SqlScript script) {
		Duration lockTimeout = this.configuration.timeouts().lock();
		Duration statementTimeout = this.configuration.timeouts().statement();
		if (script != null) {
			lockTimeout = (script.lockTimeout() != null) ? script.lockTimeout() : lockTimeout;
			statementTimeout = (script.statementTimeout() != null) ? script.statementTimeout() : statementTimeout;
		}
		return new TransactionSettings(transactional, this.configuration.schema(), lockTimeout, statementTimeout);
	}

	/**
	 * Runs work in one transaction with the dialect's hooks around it, or, for a no-transaction
	 * migration, with auto-commit on and the same hooks. A failed pre-commit check becomes a
	 * {@link StepFailure} of {@code script}; a failure the dialect can explain gets the explanation.
	 */
	void transaction(TransactionSettings settings, String script, Work work) throws StepFailure, SQLException {
		if (this.rolledBackAtClose) {
			savepoint(settings, script, work);
			return;
		}
		boolean transactional = settings.transactional();
		TransactionHooks hooks = this.dialect.transactionHooks(settings);
		readLentState();
		hooks.beforeBegin(this.connection);
		Exception failure = null;
		try {
			if (transactional) {
				this.connection.setAutoCommit(false);
			}
			hooks.afterBegin(this.connection);
			work.run();
			try {
				hooks.beforeCommit(this.connection);
			}
			catch (SQLException ex) {
				throw new StepFailure(script, 0, ex.getMessage(), ex);
			}
			if (transactional) {
				commit(script);
			}
		}
		catch (StepFailure ex) {
			failure = ex;
			if (transactional) {
				rollbackQuietly(ex);
			}
			throw explained(ex);
		}
		catch (SQLException | RuntimeException ex) {
			failure = ex;
			if (transactional) {
				rollbackQuietly(ex);
			}
			throw ex;
		}
		finally {
			// a connection the server ended has nothing to restore, and the failure in flight says why
			if (!this.connection.isClosed()) {
				endTransaction(hooks, failure, script);
			}
		}
	}

	/**
	 * Puts the session back as it was lent, as far as can be done in the open transaction: called
	 * after a migration's own statements, before the engine writes its history row, so that row is
	 * written as the session began (not as a migration's {@code SET ROLE} or read-only default left it).
	 */
	void restoreSessionState(String script) {
		if (this.lent != null) {
			this.lent.restore(this.connection, script);
		}
	}

	private void readLentState() throws SQLException {
		if (this.lent == null) {
			this.lent = LentSessionState.of(this.connection, this.dialect);
		}
	}

	/**
	 * Commits; a failed commit (a full disk, an I/O error, a deferred constraint) fails the work of
	 * {@code script}, with the database's own error: the transaction did not commit.
	 */
	private void commit(String script) throws StepFailure {
		try {
			this.connection.commit();
		}
		catch (SQLException ex) {
			throw new StepFailure(script, 0, "the commit failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Back to auto-commit. After a failure SQLite may have rolled the transaction back by itself (a
	 * full disk, an I/O error), and the driver's commit on the way back to auto-commit then fails with
	 * "no transaction is active": that follow-up must not hide the real cause already in flight.
	 */
	private void endTransaction(TransactionHooks hooks, Exception failure, String script) throws SQLException {
		try {
			this.connection.setAutoCommit(true);
			hooks.afterEnd(this.connection);
			this.lent.restore(this.connection, script);
		}
		catch (SQLException ex) {
			if (failure == null) {
				throw ex;
			}
			failure.addSuppressed(ex);
		}
	}

	/** A migration's transaction inside a dry run's: a savepoint, rolled back to on failure. */
	private void savepoint(TransactionSettings settings, String script, Work work) throws StepFailure, SQLException {
		if (!settings.transactional()) {
			throw new MigratorException("A dry run on " + this.dialect.name() + " runs in one transaction that is rolled"
					+ " back, and " + script + " is marked -- migrator:no-transaction, which cannot run in it; dry-run the"
					+ " migrations before it (migrate up to a target), or review it by hand");
		}
		TransactionHooks hooks = this.dialect.transactionHooks(settings);
		readLentState();
		Savepoint savepoint = this.connection.setSavepoint();
		try {
			hooks.afterBegin(this.connection);
			work.run();
			try {
				hooks.beforeCommit(this.connection);
			}
			catch (SQLException ex) {
				throw new StepFailure(script, 0, ex.getMessage(), ex);
			}
			this.connection.releaseSavepoint(savepoint);
		}
		catch (StepFailure ex) {
			rollbackQuietly(savepoint, ex);
			throw explained(ex);
		}
		catch (SQLException | RuntimeException ex) {
			rollbackQuietly(savepoint, ex);
			throw ex;
		}
	}

	/** The failure with the dialect's explanation of the database's error added, where it has one. */
	private StepFailure explained(StepFailure failure) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				String explanation = this.dialect.explain(sql);
				if (explanation != null) {
					StepFailure explained = new StepFailure(failure.script(), failure.line(),
							failure.reason() + " " + explanation, failure.getCause(), failure.transactionEnded());
					explained.setStackTrace(failure.getStackTrace());
					return explained;
				}
				return failure;
			}
		}
		return failure;
	}

	/**
	 * Back to the savepoint. A migration that ended the dry run's transaction took the savepoint
	 * with it: what runs now is a transaction of its own, rolled back whole so the session can go on.
	 */
	private void rollbackQuietly(Savepoint savepoint, Exception primary) {
		try {
			this.connection.rollback(savepoint);
		}
		catch (SQLException ex) {
			primary.addSuppressed(ex);
			rollbackQuietly(primary);
		}
	}

	private void rollbackQuietly(Exception primary) {
		try {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			primary.addSuppressed(ex);
		}
	}

	@Override
	public void close() {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
			if (this.lent != null) {
				this.lent.restore(this.connection, "the " + this.dialect.name() + " session of Migrator");
			}
			this.connection.setAutoCommit(this.originalAutoCommit);
			if (this.busyTimeoutToRestore >= 0) {
				SqliteReads.shortenBusyTimeout(this.connection, this.busyTimeoutToRestore);
			}
		}
		catch (SQLException ex) {
			// the connection is going away; nothing of ours is left open on it
		}
		finally {
			closeQuietly(this.connection, null);
		}
	}

	private static void closeQuietly(Connection connection, Exception primary) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			if (primary != null) {
				primary.addSuppressed(ex);
			}
		}
	}

}
