package dev.migrator.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.DownCheck;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RepairResult;
import dev.migrator.core.api.RestoreResult;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.Tenant;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidateResult;
import dev.migrator.core.internal.command.BaselineCommand;
import dev.migrator.core.internal.command.DashboardCommand;
import dev.migrator.core.internal.command.DownVerification;
import dev.migrator.core.internal.command.DryRunCommand;
import dev.migrator.core.internal.command.InfoCommand;
import dev.migrator.core.internal.command.MigrateCommand;
import dev.migrator.core.internal.command.RepairCommand;
import dev.migrator.core.internal.command.RestoreCommand;
import dev.migrator.core.internal.command.RollbackCommand;
import dev.migrator.core.internal.command.Session;
import dev.migrator.core.internal.command.Sessions;
import dev.migrator.core.internal.command.ValidateCommand;
import dev.migrator.core.internal.jdbc.DriverDataSource;

/**
 * The entry point: configure, load, then migrate, roll back, inspect.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.configure()
 *     .dataSource(dataSource)
 *     .locations("classpath:db/migration")
 *     .load();
 * migrator.migrate();
 * }</pre>
 *
 * Each call opens one connection, does its work and closes it; a {@code Migrator} holds no
 * connection between calls and may be kept for the life of the application.
 */
public final class Migrator {

	private final Configuration configuration;

	private Migrator(Configuration configuration) {
		this.configuration = configuration;
	}

	/** Starts a configuration with the defaults. */
	public static Builder configure() {
		return new Builder();
	}

	/** The configuration this migrator was loaded with. */
	public Configuration configuration() {
		return this.configuration;
	}

	/** Applies every pending migration. */
	public RunResult migrate() {
		return Sessions.migrate(this.configuration, (session) -> new MigrateCommand(session).runIfUpToDate(),
				(session) -> new MigrateCommand(session).run(null));
	}

	/**
	 * What {@link #migrate()} answers when nothing is pending and nothing differs, found by its own
	 * lock-free up-to-date check alone (listeners hear it as a migrate); empty where that check cannot
	 * say so (something pending, a problem of any kind, no database yet), and {@link #migrate()} then
	 * decides as always. For a caller that plans what it shows (a status) only when there is work:
	 * an up-to-date start then reads the migrations once, not twice. Changes nothing, takes no lock.
	 */
	public Optional<RunResult> migrateIfUpToDate() {
		try {
			return Optional.ofNullable(Sessions.ifUpToDate(this.configuration,
					(session) -> new MigrateCommand(session).runIfUpToDate()));
		}
		catch (MigratorException ex) {
			// whatever it is, migrate() (or the status before it) says it in its own words
			return Optional.empty();
		}
	}

	/** Applies pending migrations up to and including {@code target}. */
	public RunResult migrate(String target) {
		return migrate(target, RunOptions.DEFAULT);
	}

	/**
	 * Applies every pending migration; with {@code dryRun}, applies them to a copy (SQLite) or in a
	 * transaction that is rolled back (PostgreSQL) and reports, a failure included, leaving the
	 * database untouched.
	 */
	public RunResult migrate(RunOptions options) {
		return migrate(null, options);
	}

	/** Applies pending migrations up to {@code target} (null: all), for real or as a dry run. */
	public RunResult migrate(String target, RunOptions options) {
		MigrationVersion version = (target != null) ? version(target) : null;
		if (options.dryRun()) {
			return Sessions.dryRun(this.configuration, (session) -> new DryRunCommand(session).migrate(version));
		}
		return Sessions.migrate(this.configuration,
				(version == null) ? (session) -> new MigrateCommand(session).runIfUpToDate() : null,
				(session) -> new MigrateCommand(session).run(version));
	}

	/**
	 * Rolls back the newest {@code steps} applied migrations, newest first. Refused, changing
	 * nothing, when a down would drop data ({@link DataLossException} carries the report).
	 */
	public RunResult rollback(int steps) {
		return rollback(steps, RunOptions.DEFAULT);
	}

	/** Rolls back the newest {@code steps} applied migrations, as a dry run or allowing data loss. */
	public RunResult rollback(int steps, RunOptions options) {
		if (options.dryRun()) {
			return Sessions.dryRun(this.configuration, (session) -> new DryRunCommand(session).rollback(steps, options));
		}
		return write((session) -> new RollbackCommand(session).steps(steps, options));
	}

	/** Rolls back every applied migration above {@code target}; {@code "0"} rolls back all of them. */
	public RunResult rollbackTo(String target) {
		return rollbackTo(target, RunOptions.DEFAULT);
	}

	/** Rolls back every applied migration above {@code target}, as a dry run or allowing data loss. */
	public RunResult rollbackTo(String target, RunOptions options) {
		MigrationVersion version = version(target);
		if (options.dryRun()) {
			return Sessions.dryRun(this.configuration, (session) -> new DryRunCommand(session).rollbackTo(version, options));
		}
		return write((session) -> new RollbackCommand(session).to(version, options));
	}

	/** Every migration's state, the current version, and any validation problems; changes nothing. */
	public InfoResult info() {
		return read("info", (session) -> new InfoCommand(session).run());
	}

	/**
	 * Tries each pending migration's down before it is needed: up, down, up again, on a copy of the
	 * database (SQLite) or in a transaction that is rolled back (PostgreSQL), comparing the schema
	 * after the down with the one before the up. The database is not changed. Refused on MySQL and
	 * MariaDB, whose DDL commits on its own.
	 * @return one check per pending migration, in order; it stops after the first that fails or does
	 *         not restore the schema, since the ones after it build on it
	 */
	public List<DownCheck> verifyDowns() {
		return Sessions.dryRun(this.configuration, (session) -> new DownVerification(session).run());
	}

	/**
	 * What {@link #info()} says but the data-loss estimates, which count rows in the tables the
	 * downs would drop: cheap enough for health checks and metrics that ask often.
	 */
	public InfoResult status() {
		return read("status", (session) -> new InfoCommand(session).status());
	}

	/**
	 * Every figure of the dashboard (overview, timeline, statistics, rollback plan with estimates,
	 * backups, recent and failed attempts), read in one session from the code, the history, the whole
	 * log, the lock and the backup folder; changes nothing.
	 */
	public Dashboard dashboard() {
		return read("the dashboard", (session) -> new DashboardCommand(session).run());
	}

	/**
	 * Checks the code against the history (changed, missing, out-of-order, failed migrations) and
	 * that pending scripts parse.
	 * @throws dev.migrator.core.api.ValidationException listing every problem
	 */
	public ValidateResult validate() {
		return Sessions.validate(this.configuration, (session) -> new ValidateCommand(session).run());
	}

	/** The backups of this database, newest first, each checked against its recorded checksum. */
	public List<BackupInfo> backups() {
		return read("listing backups", (session) -> new RestoreCommand(session).list());
	}

	/**
	 * Puts a listed backup back into the database, after a backup of the current state; works while
	 * the application holds other connections.
	 * @param id the file name of a backup, as {@link #backups()} lists it; anything else is refused
	 */
	public RestoreResult restore(String id) {
		return write((session) -> new RestoreCommand(session).restore(id));
	}

	/** Who holds the migration lock right now, if anyone; takes nothing and changes nothing. */
	public LockState lockState() {
		return Sessions.lockState(this.configuration);
	}

	/** The newest entries of the migration log, newest first. */
	public List<LogRecord> log(int limit) {
		return read("the log", (session) -> new InfoCommand(session).log(limit));
	}

	/**
	 * Clears failed entries (forgets them: undo by hand what they left first; the next migrate runs
	 * them again) and realigns applied checksums and descriptions with the code.
	 */
	public RepairResult repair() {
		return write((session) -> new RepairCommand(session).run());
	}

	/**
	 * Records the failed or interrupted migration {@code version} as applied, after finishing by
	 * hand what it left; refuses, changing nothing, for a version that has not failed.
	 */
	public RepairResult markApplied(String version) {
		MigrationVersion parsed = version(version);
		return write((session) -> new RepairCommand(session).markApplied(parsed));
	}

	/** Marks a database built before Migrator as being at {@code version}. */
	public RunResult baseline(String version, String description) {
		MigrationVersion parsed = version(version);
		return write((session) -> new BaselineCommand(session).run(parsed, description));
	}

	/** A command that only reads: it creates no database, and answers while a migration runs. */
	private <T> T read(String name, Function<Session, T> command) {
		return Sessions.read(this.configuration, name, command);
	}

	/** A command that takes the migration lock: it waits for it holding no connection. */
	private <T> T write(Function<Session, T> command) {
		return Sessions.write(this.configuration, command);
	}

	private static MigrationVersion version(String text) {
		try {
			return MigrationVersion.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new MigratorException("Invalid target version: " + ex.getMessage());
		}
	}

	/** Fluent configuration; {@link #load()} validates it and returns the migrator. */
	public static final class Builder {

		private DataSource dataSource;

		private List<String> locations = List.of(Configuration.DEFAULT_LOCATION);

		private ClassLoader classLoader = defaultClassLoader();

		private final List<JavaMigration> javaMigrations = new ArrayList<>();

		private String table = Configuration.DEFAULT_TABLE;

		private String schema;

		private boolean outOfOrder;

		private TransactionMode transactionMode = Configuration.DEFAULT_TRANSACTION_MODE;

		private boolean failOnStrayFiles;

		private boolean ignoreMissingMigrations;

		private Configuration.Lock lock = Configuration.Lock.DEFAULTS;

		private Configuration.Timeouts timeouts = Configuration.Timeouts.DEFAULTS;

		private Configuration.Backup backup = Configuration.Backup.DEFAULTS;

		private IntegrityCheck integrityCheck = Configuration.DEFAULT_INTEGRITY_CHECK;

		private final List<MigrationListener> listeners = new ArrayList<>();

		private final Map<String, String> placeholders = new LinkedHashMap<>();

		private String adopt;

		private String locationIndex;

		private Builder() {
		}

		private static ClassLoader defaultClassLoader() {
			ClassLoader context = Thread.currentThread().getContextClassLoader();
			return (context != null) ? context : Migrator.class.getClassLoader();
		}

		/** The database to migrate. */
		public Builder dataSource(DataSource dataSource) {
			this.dataSource = dataSource;
			return this;
		}

		/** The database to migrate, by JDBC URL (the driver must be on the classpath). */
		public Builder url(String url) {
			return url(url, null, null);
		}

		/** The database to migrate, by JDBC URL, user and password. */
		public Builder url(String url, String user, String password) {
			this.dataSource = new DriverDataSource(Objects.requireNonNull(url, "url"), user, password);
			return this;
		}

		/** Where migrations are: {@code classpath:path} (the default prefix) or {@code filesystem:path}. */
		public Builder locations(String... locations) {
			this.locations = List.of(locations);
			return this;
		}

		/** The class loader that {@code classpath:} locations are read through. */
		public Builder classLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/** Adds Java migrations. */
		public Builder javaMigrations(JavaMigration... migrations) {
			this.javaMigrations.addAll(Arrays.asList(migrations));
			return this;
		}

		/** Adds Java migrations by class; each needs a public no-argument constructor. */
		@SafeVarargs
		public final Builder javaMigrationClasses(Class<? extends JavaMigration>... classes) {
			for (Class<? extends JavaMigration> type : classes) {
				try {
					this.javaMigrations.add(type.getDeclaredConstructor().newInstance());
				}
				catch (ReflectiveOperationException ex) {
					throw new MigratorException("Cannot create Java migration " + type.getName()
							+ ": give it a public no-argument constructor, or register an instance", ex);
				}
			}
			return this;
		}

		/** The history table's name (default {@value Configuration#DEFAULT_TABLE}). */
		public Builder table(String table) {
			this.table = table;
			return this;
		}

		/**
		 * The schema of the history tables, which the migrations run in too (PostgreSQL: the
		 * {@code search_path}); created if missing. Default: the connection's current schema.
		 */
		public Builder schema(String schema) {
			this.schema = schema;
			return this;
		}

		/** Whether a pending migration below the current version may be applied (default false). */
		public Builder outOfOrder(boolean outOfOrder) {
			this.outOfOrder = outOfOrder;
			return this;
		}

		/** One transaction per migration (default) or one for all pending. */
		public Builder transactionMode(TransactionMode transactionMode) {
			this.transactionMode = transactionMode;
			return this;
		}

		/** Whether a {@code .sql} file matching no naming pattern fails the run (default: a warning). */
		public Builder failOnStrayFiles(boolean failOnStrayFiles) {
			this.failOnStrayFiles = failOnStrayFiles;
			return this;
		}

		/** Whether an applied migration missing from the code is only a warning (default: an error). */
		public Builder ignoreMissingMigrations(boolean ignoreMissingMigrations) {
			this.ignoreMissingMigrations = ignoreMissingMigrations;
			return this;
		}

		/** The migration lock: how long to wait for it, and the lease of lock-table locks. */
		public Builder lock(Duration waitTimeout, Duration lease) {
			this.lock = new Configuration.Lock(waitTimeout, lease, this.lock.mode(), this.lock.maxWait());
			return this;
		}

		/**
		 * How long to wait at most behind a holder that is alive and progressing (default 24 hours; never
		 * less than the wait timeout). Only where the lock has a heartbeat a waiter can watch: SQLite's file
		 * lock, PostgreSQL's transaction-level advisory lock and lock tables; elsewhere the wait timeout is
		 * the whole wait.
		 */
		public Builder lockMaxWait(Duration maxWait) {
			this.lock = this.lock.withMaxWait(maxWait);
			return this;
		}

		/**
		 * Which lock a server database uses (default {@link LockMode#AUTO}: on PostgreSQL a
		 * transaction-level advisory lock, which also works behind PgBouncer).
		 */
		public Builder lockMode(LockMode mode) {
			this.lock = this.lock.withMode(mode);
			return this;
		}

		/** How long to wait for another runner's lock (default 2 minutes). */
		public Builder lockWaitTimeout(Duration waitTimeout) {
			return lock(waitTimeout, this.lock.lease());
		}

		/** After how long without a heartbeat a lock-table holder counts as dead (default 30 seconds). */
		public Builder lockLease(Duration lease) {
			return lock(this.lock.waitTimeout(), lease);
		}

		/**
		 * How long each migration waits for a lock another session holds before it fails (PostgreSQL
		 * {@code lock_timeout}, applied with {@code SET LOCAL}); a {@code -- migrator:lock-timeout}
		 * directive overrides it. Default: the database's own setting.
		 */
		public Builder migrationLockTimeout(Duration timeout) {
			this.timeouts = this.timeouts.withLock(timeout);
			return this;
		}

		/**
		 * How long one statement of a migration may run before it fails (PostgreSQL
		 * {@code statement_timeout}); a {@code -- migrator:statement-timeout} directive overrides it.
		 * Default: the database's own setting.
		 */
		public Builder statementTimeout(Duration timeout) {
			this.timeouts = this.timeouts.withStatement(timeout);
			return this;
		}

		/** Whether to back the database up before each run that changes it (default true). */
		public Builder backupEnabled(boolean enabled) {
			this.backup = this.backup.withEnabled(enabled);
			return this;
		}

		/** Where backups go (default: a {@code backups} folder beside the database file). */
		public Builder backupDirectory(Path directory) {
			this.backup = this.backup.withDirectory(directory);
			return this;
		}

		/** Whether to gzip backups (default false). */
		public Builder backupCompress(boolean compress) {
			this.backup = this.backup.withCompress(compress);
			return this;
		}

		/** Keep the newest {@code count} backups and every one younger than {@code age} (defaults 10, 30 days). */
		public Builder backupRetention(int count, Duration age) {
			this.backup = this.backup.withRetention(count, age);
			return this;
		}

		/** Keep the newest {@code count} backups, the age limit as it is. */
		public Builder backupRetentionCount(int count) {
			return backupRetention(count, this.backup.retentionAge());
		}

		/** Keep every backup younger than {@code age}, the count as it is. */
		public Builder backupRetentionAge(Duration age) {
			return backupRetention(this.backup.retentionCount(), age);
		}

		/** The vendor's dump tool for server databases (default: found on the PATH). */
		public Builder backupDumpTool(Path dumpTool) {
			this.backup = this.backup.withDumpTool(dumpTool);
			return this;
		}

		/**
		 * Never keep more than {@code count} backups of the database, whatever their age (default 20); the
		 * newest and the current run's are always kept.
		 */
		public Builder backupMaxCount(int count) {
			this.backup = this.backup.withMaxCount(count);
			return this;
		}

		/**
		 * Never keep more than {@code bytes} of backups of the database, whatever their age (default 0: ten
		 * times the newest backup); the newest and the current run's are always kept.
		 */
		public Builder backupMaxTotalSize(long bytes) {
			this.backup = this.backup.withMaxTotalSize(bytes);
			return this;
		}

		/** The backup settings at once. */
		public Builder backup(Configuration.Backup backup) {
			this.backup = backup;
			return this;
		}

		/** The database's own check after a run that changed it (default QUICK). */
		public Builder integrityCheck(IntegrityCheck integrityCheck) {
			this.integrityCheck = integrityCheck;
			return this;
		}

		/**
		 * Values of {@code ${name}} placeholders in Flyway-convention scripts ({@code V1__init.sql}); Flyway's
		 * built-ins ({@code ${flyway:defaultSchema}}, {@code ${flyway:table}}, {@code ${flyway:filename}}) need none.
		 */
		public Builder placeholders(Map<String, String> placeholders) {
			this.placeholders.putAll(placeholders);
			return this;
		}

		/**
		 * Takes over another tool's history on the next run: {@code flyway}, {@code liquibase},
		 * {@code golang-migrate}, {@code dbmate}, {@code goose} or {@code diesel}. Without it, a run that
		 * finds such a history stops before any change and says so.
		 */
		public Builder adopt(String tool) {
			this.adopt = tool;
			return this;
		}

		/**
		 * Lists the files of {@code classpath:} locations from this class-path resource, a migration
		 * index written by Spring AOT processing, instead of listing folders, which a native image
		 * cannot do; each listed file is still read. A location the index does not cover is listed as usual.
		 */
		public Builder locationIndex(String resource) {
			this.locationIndex = resource;
			return this;
		}

		/** Adds listeners that hear what runs do. */
		public Builder listeners(MigrationListener... listeners) {
			this.listeners.addAll(Arrays.asList(listeners));
			return this;
		}

		/** The configuration as it stands, validated. */
		public Configuration configuration() {
			return new Configuration(this.dataSource, this.locations, this.classLoader, this.javaMigrations, this.table,
					this.schema, this.outOfOrder, this.transactionMode, this.failOnStrayFiles, this.ignoreMissingMigrations,
					this.lock, this.timeouts, this.backup, this.integrityCheck, this.listeners, this.placeholders,
					this.adopt, this.locationIndex);
		}

		/** Validates the configuration and returns the migrator. */
		public Migrator load() {
			return new Migrator(configuration());
		}

		/**
		 * One migrator per tenant with these settings, each on the tenant's DataSource and, when it names one,
		 * its schema; the builder's own DataSource is not used. With a backup directory set, each tenant's
		 * backups go to a folder of its own named after it, so retention and restore never mix tenants.
		 */
		public TenantMigrators loadTenants(List<Tenant> tenants) {
			return new TenantMigrators(TenantMigrators.byName(tenants, (tenant) -> new Migrator(new Configuration(
					tenant.dataSource(), this.locations, this.classLoader, this.javaMigrations, this.table,
					(tenant.schema() != null) ? tenant.schema() : this.schema, this.outOfOrder, this.transactionMode,
					this.failOnStrayFiles, this.ignoreMissingMigrations, this.lock, this.timeouts,
					(this.backup.directory() != null) ? this.backup.withDirectory(this.backup.directory().resolve(tenant.name()))
							: this.backup,
					this.integrityCheck, this.listeners, this.placeholders, this.adopt, this.locationIndex))));
		}

	}

}
