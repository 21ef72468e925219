package dev.migrator.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.TenantsOptions.FailurePolicy;
import dev.migrator.core.api.TransactionMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Migrator ({@code migrator.*}). The defaults mirror the engine's
 * ({@code dev.migrator.core.api.Configuration}); a test keeps them equal.
 */
@ConfigurationProperties("migrator")
public class MigratorProperties {

	/**
	 * Whether to enable Migrator.
	 */
	private boolean enabled = true;

	/**
	 * Locations of migrations, "classpath:" (the default prefix) or "filesystem:".
	 */
	private List<String> locations = new ArrayList<>(Collections.singletonList("classpath:db/migration"));

	/**
	 * Name of the history table; the log and lock tables get "_log" and "_lock" appended.
	 */
	private String table = "schema_migrations";

	/**
	 * Schema for the history tables, in which the migrations run too (PostgreSQL's search_path); created if
	 * missing. The connection's current schema when not set.
	 */
	private String schema;

	/**
	 * How long each migration waits for a lock another session holds before it fails (PostgreSQL
	 * lock_timeout); a "-- migrator:lock-timeout=" directive overrides it. The database's own setting when not
	 * set.
	 */
	private Duration migrationLockTimeout;

	/**
	 * How long one statement of a migration may run before it fails (PostgreSQL statement_timeout); a
	 * "-- migrator:statement-timeout=" directive overrides it. The database's own setting when not set.
	 */
	private Duration statementTimeout;

	/**
	 * Whether a pending migration below the current version may be applied.
	 */
	private boolean outOfOrder;

	/**
	 * Version to migrate up to at start-up, inclusive; the latest when not set.
	 */
	private String target;

	/**
	 * Whether each migration commits on its own (per-migration) or all pending ones commit together (all).
	 */
	private TransactionMode transaction = TransactionMode.PER_MIGRATION;

	/**
	 * When the start-up migration runs: during context start-up when a bean needs the schema (JPA, jOOQ,
	 * a bean marked @DependsOnDatabaseInitialization), otherwise once the application is ready (auto); or
	 * always one of the two (startup, ready).
	 */
	private RunOn runOn = RunOn.AUTO;

	/**
	 * What the application does with the schema at start-up: migrate it (migrate), only check that it is
	 * current and never change it (validate), migrate it then exit without serving (migrate-and-exit, for
	 * Kubernetes Jobs and init containers), or nothing (off).
	 */
	private Mode mode = Mode.MIGRATE;

	/**
	 * What a failed start-up migration (or, with mode=validate, a schema that is not current) does: stop
	 * the application, or keep it up with health not UP.
	 */
	private OnFailure onFailure = OnFailure.FAIL;

	/**
	 * Whether a ".sql" file that matches no naming pattern fails the run instead of logging a warning.
	 */
	private boolean failOnStrayFiles;

	/**
	 * Values of ${name} placeholders in Flyway-convention scripts (V1__init.sql).
	 */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * Tool whose history to take over on the next run: flyway, liquibase, golang-migrate, dbmate, goose or diesel.
	 */
	private String adopt;

	/**
	 * Whether an applied migration that is no longer in the code is only a warning instead of an error.
	 */
	private boolean ignoreMissingMigrations;

	/**
	 * Database check after a run that changed the database.
	 */
	private IntegrityCheck integrityCheck = IntegrityCheck.QUICK;

	/**
	 * Whether the start-up run is a dry run: pending migrations are applied to a copy (SQLite) or in a
	 * transaction that is rolled back (PostgreSQL) and reported, the database is left as it is.
	 */
	private boolean dryRun;

	/**
	 * Whether to try each pending migration's down before migrating (up, down, up again, on a copy of a
	 * SQLite database or in a rolled-back PostgreSQL transaction), and not migrate when one does not
	 * restore the schema; as the CLI's migrate --verify-downs.
	 */
	private boolean verifyDowns;

	/**
	 * Whether not to migrate when a pending migration has no down; checks the downs as verify-downs does.
	 */
	private boolean requireDown;

	/**
	 * JDBC URL of the database to migrate, when it is not the application's DataSource.
	 */
	private String url;

	/**
	 * Login user of the database to migrate, when it is not the application's DataSource user.
	 */
	private String user;

	/**
	 * Login password of the database to migrate.
	 */
	private String password;

	/**
	 * Further migrators by name, each on its own database, beside the default one: its DataSource
	 * ({@code data-source} or {@code url}), locations and table, every other {@code migrator.*} key
	 * falling back to the top-level value.
	 */
	private final Map<String, Instance> instances = new LinkedHashMap<>();

	private final Lock lock = new Lock();

	private final Backup backup = new Backup();

	private final Tenants tenants = new Tenants();

	public Map<String, Instance> getInstances() {
		return this.instances;
	}

	public Tenants getTenants() {
		return this.tenants;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public Duration getMigrationLockTimeout() {
		return this.migrationLockTimeout;
	}

	public void setMigrationLockTimeout(Duration migrationLockTimeout) {
		this.migrationLockTimeout = migrationLockTimeout;
	}

	public Duration getStatementTimeout() {
		return this.statementTimeout;
	}

	public void setStatementTimeout(Duration statementTimeout) {
		this.statementTimeout = statementTimeout;
	}

	public boolean isOutOfOrder() {
		return this.outOfOrder;
	}

	public void setOutOfOrder(boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
	}

	public String getTarget() {
		return this.target;
	}

	public void setTarget(String target) {
		this.target = target;
	}

	public TransactionMode getTransaction() {
		return this.transaction;
	}

	public void setTransaction(TransactionMode transaction) {
		this.transaction = transaction;
	}

	public RunOn getRunOn() {
		return this.runOn;
	}

	public void setRunOn(RunOn runOn) {
		this.runOn = runOn;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public OnFailure getOnFailure() {
		return this.onFailure;
	}

	public void setOnFailure(OnFailure onFailure) {
		this.onFailure = onFailure;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public String getAdopt() {
		return this.adopt;
	}

	public void setAdopt(String adopt) {
		this.adopt = adopt;
	}

	public boolean isFailOnStrayFiles() {
		return this.failOnStrayFiles;
	}

	public void setFailOnStrayFiles(boolean failOnStrayFiles) {
		this.failOnStrayFiles = failOnStrayFiles;
	}

	public boolean isIgnoreMissingMigrations() {
		return this.ignoreMissingMigrations;
	}

	public void setIgnoreMissingMigrations(boolean ignoreMissingMigrations) {
		this.ignoreMissingMigrations = ignoreMissingMigrations;
	}

	public IntegrityCheck getIntegrityCheck() {
		return this.integrityCheck;
	}

	public void setIntegrityCheck(IntegrityCheck integrityCheck) {
		this.integrityCheck = integrityCheck;
	}

	public boolean isVerifyDowns() {
		return this.verifyDowns;
	}

	public void setVerifyDowns(boolean verifyDowns) {
		this.verifyDowns = verifyDowns;
	}

	public boolean isRequireDown() {
		return this.requireDown;
	}

	public void setRequireDown(boolean requireDown) {
		this.requireDown = requireDown;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Backup getBackup() {
		return this.backup;
	}

	/** When the start-up migration runs. */
	public enum RunOn {

		/**
		 * STARTUP when a bean that needs the schema depends on database initialization (JPA's
		 * EntityManagerFactory, jOOQ's DSLContext, a bean marked @DependsOnDatabaseInitialization), READY
		 * otherwise.
		 */
		AUTO,

		/**
		 * On ApplicationReadyEvent, with readiness REFUSING_TRAFFIC until it is done.
		 */
		READY,

		/**
		 * During context start-up, before beans that depend on database initialization (JPA, JdbcTemplate
		 * users) are created.
		 */
		STARTUP

	}

	/** What the application does with the schema at start-up. */
	public enum Mode {

		/**
		 * Migrate it (see run-on for when).
		 */
		MIGRATE,

		/**
		 * Check that it is current (nothing pending, history matching the code) and never change it; a
		 * schema that is not current fails start-up, or with on-failure=continue keeps readiness refusing
		 * traffic until it is.
		 */
		VALIDATE,

		/**
		 * Migrate during start-up, log the report, then exit with code 0 without serving (no web server is
		 * started); a failure exits with code 1.
		 */
		MIGRATE_AND_EXIT,

		/**
		 * Do nothing at start-up; the migrator, endpoint and health stay.
		 */
		OFF

	}

	/** What a failed start-up migration does. */
	public enum OnFailure {

		/**
		 * Stop the application with a non-zero exit code.
		 */
		FAIL,

		/**
		 * Keep the application up, with the migrations health indicator DOWN.
		 */
		CONTINUE

	}

	/** The migration lock. */
	public static class Lock {

		/**
		 * How long a runner waits for another one's lock before failing, unless the holder is alive and
		 * progressing (its lock's heartbeat moves), where the lock can tell: then up to max-wait.
		 */
		private Duration waitTimeout = Duration.ofMinutes(2);

		/**
		 * How long a runner waits at most behind a holder that is alive and progressing; never less than
		 * wait-timeout (set it equal to wait-timeout to fail at wait-timeout whatever the holder does).
		 */
		private Duration maxWait = Duration.ofHours(24);

		/**
		 * After how long without a heartbeat a lock-table holder counts as dead and is taken over.
		 */
		private Duration lease = Duration.ofSeconds(30);

		/**
		 * Which lock a server database uses: auto (on PostgreSQL a transaction-level advisory lock, which
		 * also works behind PgBouncer), session, transaction, or table (a lock table with lease and heartbeat).
		 */
		private LockMode mode = LockMode.AUTO;

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public LockMode getMode() {
			return this.mode;
		}

		public void setMode(LockMode mode) {
			this.mode = mode;
		}

	}

	/** Backups before every run that changes the database. */
	public static class Backup {

		/**
		 * Whether to back the database up before each run that changes it.
		 */
		private boolean enabled = true;

		/**
		 * Directory for backups; a "backups" folder beside the database file when not set.
		 */
		private Path directory;

		/**
		 * Whether to gzip backups.
		 */
		private boolean compress;

		/**
		 * Path of the vendor's dump tool (pg_dump, mysqldump) for server databases; looked up on the PATH when not set.
		 */
		private Path dumpTool;

		private final Retention retention = new Retention();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

		public boolean isCompress() {
			return this.compress;
		}

		public void setCompress(boolean compress) {
			this.compress = compress;
		}

		public Path getDumpTool() {
			return this.dumpTool;
		}

		public void setDumpTool(Path dumpTool) {
			this.dumpTool = dumpTool;
		}

		public Retention getRetention() {
			return this.retention;
		}

		/** Which backups are kept. */
		public static class Retention {

			/**
			 * Number of newest backups always kept.
			 */
			private int count = 10;

			/**
			 * Age below which every backup is kept, whatever the count.
			 */
			private Duration age = Duration.ofDays(30);

			/**
			 * Most backups kept, whatever their age; the newest and the current run's are always kept.
			 */
			private int maxCount = 20;

			/**
			 * Most bytes of backups kept, whatever their age; 0 means ten times the newest backup.
			 */
			private DataSize maxTotalSize = DataSize.ofBytes(0);

			public int getMaxCount() {
				return this.maxCount;
			}

			public void setMaxCount(int maxCount) {
				this.maxCount = maxCount;
			}

			public DataSize getMaxTotalSize() {
				return this.maxTotalSize;
			}

			public void setMaxTotalSize(DataSize maxTotalSize) {
				this.maxTotalSize = maxTotalSize;
			}

			public int getCount() {
				return this.count;
			}

			public void setCount(int count) {
				this.count = count;
			}

			public Duration getAge() {
				return this.age;
			}

			public void setAge(Duration age) {
				this.age = age;
			}

		}

	}

	/**
	 * A named migrator ({@code migrator.instances.<name>.*}). Only these keys are listed here; any other
	 * {@code migrator.*} key may be set under the instance too, and falls back to the top-level value.
	 */
	public static class Instance {

		/**
		 * Name of the DataSource bean this instance migrates (or set url).
		 */
		private String dataSource;

		/**
		 * JDBC URL of the database this instance migrates, when it is not a DataSource bean.
		 */
		private String url;

		/**
		 * Login user, with url or to log in to the data-source's database as another user.
		 */
		private String user;

		/**
		 * Login password of that user.
		 */
		private String password;

		/**
		 * Locations of this instance's migrations; never the top-level ones, which are the default migrator's.
		 */
		private List<String> locations = new ArrayList<>();

		/**
		 * Name of the history table; the top-level migrator.table when not set.
		 */
		private String table;

		public String getDataSource() {
			return this.dataSource;
		}

		public void setDataSource(String dataSource) {
			this.dataSource = dataSource;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getUser() {
			return this.user;
		}

		public void setUser(String user) {
			this.user = user;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

	}

	/** The tenants of a {@link MigratorTenants} bean: migrated after the application's own database, each as it is. */
	public static class Tenants {

		/**
		 * How many tenants migrate at once; 0 means min(4, tenants). Each holds its connections while it runs.
		 */
		private int parallelism;

		/**
		 * Whether a tenant's failure stops the tenants not yet started (fail-fast) or every tenant runs (continue).
		 */
		private FailurePolicy failurePolicy = FailurePolicy.FAIL_FAST;

		/**
		 * Where the tenants' migrations are; default: migrator.locations.
		 */
		private List<String> locations;

		public int getParallelism() {
			return this.parallelism;
		}

		public void setParallelism(int parallelism) {
			this.parallelism = parallelism;
		}

		public FailurePolicy getFailurePolicy() {
			return this.failurePolicy;
		}

		public void setFailurePolicy(FailurePolicy failurePolicy) {
			this.failurePolicy = failurePolicy;
		}

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

	}

}
