package dev.migrator.core.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The engine's settings, immutable. Built with {@code Migrator.configure()}; the defaults are the
 * constants below, which the Spring Boot properties mirror.
 *
 * @param dataSource where to migrate
 * @param locations where migrations are found, {@code classpath:} or {@code filesystem:}
 * @param classLoader the class loader for {@code classpath:} locations
 * @param javaMigrations Java migrations registered in code
 * @param table the history table's name; the log is {@code <table>_log}, the lock {@code <table>_lock}
 * @param schema the schema holding the history tables, which the migrations run in too (PostgreSQL's
 * {@code search_path}); created if missing. Null: the connection's current schema
 * @param outOfOrder whether a pending migration below the current version may be applied
 * @param transactionMode one transaction per migration, or one for all pending
 * @param failOnStrayFiles whether a {@code .sql} file that matches no naming pattern is an error
 * (otherwise a warning)
 * @param ignoreMissingMigrations whether an applied migration no longer in the code is only a
 * warning (otherwise validation fails)
 * @param lock how long to wait for the migration lock, the lease of lock-table locks, and the kind of lock
 * @param timeouts the lock and statement timeouts each migration runs with, unless its directives say otherwise
 * @param backup the backup before every run that changes the database
 * @param integrityCheck the database's own check after a run that changed it
 * @param listeners who hears what runs do
 * @param placeholders values of {@code ${name}} placeholders in Flyway-convention scripts
 * @param adopt the tool whose history to take over ({@code flyway}, {@code liquibase}, {@code golang-migrate},
 * {@code dbmate}, {@code goose}, {@code diesel}), or null: then finding one stops the run with a message
 * @param locationIndex the class-path resource of a migration index whose file list replaces the
 * listing of {@code classpath:} folders (a native image cannot list them; Spring AOT processing writes
 * it), or null: folders are listed. The files are still read and hashed wherever a start reads them
 */
public record Configuration(DataSource dataSource, List<String> locations, ClassLoader classLoader,
		List<JavaMigration> javaMigrations, String table, String schema, boolean outOfOrder,
		TransactionMode transactionMode, boolean failOnStrayFiles, boolean ignoreMissingMigrations, Lock lock,
		Timeouts timeouts, Backup backup, IntegrityCheck integrityCheck, List<MigrationListener> listeners,
		Map<String, String> placeholders, String adopt, String locationIndex) {

	/**
	 * The migration lock.
	 *
	 * @param waitTimeout how long a runner waits for another to finish before failing, unless the
	 * holder is alive and progressing (its lock's heartbeat keeps moving) where the lock can tell
	 * @param lease after how long without a heartbeat a lock-table holder counts as dead (locks
	 * that die with their holder, such as SQLite's file lock, need none); server-side locks held
	 * by a transaction also use it to end a holder whose host vanished without closing its connection;
	 * a waiter counts a holder whose heartbeat did not move for a lease as not progressing
	 * @param mode which kind of lock a server database uses
	 * @param maxWait how long a runner waits at most behind a holder that is alive and progressing;
	 * never less than {@code waitTimeout}
	 */
	public record Lock(Duration waitTimeout, Duration lease, LockMode mode, Duration maxWait) {

		/** Waiting on behind a live holder for at most a day: long enough for any deploy, short of for ever. */
		public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(24);

		/**
		 * Waits up to 2 minutes, longer (up to 24 hours) while the holder is alive and progressing;
		 * leases last 30 seconds; the database's best lock.
		 */
		public static final Lock DEFAULTS = new Lock(Duration.ofMinutes(2), Duration.ofSeconds(30), LockMode.AUTO,
				DEFAULT_MAX_WAIT);

		public Lock {
			requirePositiveOrZero(waitTimeout, "lock wait timeout");
			requirePositiveOrZero(lease, "lock lease");
			if (lease.isZero()) {
				throw new MigratorException("The lock lease must be more than zero: a holder renews it every third of it");
			}
			Objects.requireNonNull(mode, "lock mode");
			requirePositiveOrZero(maxWait, "lock max wait");
		}

		/** With the default longest wait behind a live holder. */
		public Lock(Duration waitTimeout, Duration lease, LockMode mode) {
			this(waitTimeout, lease, mode, DEFAULT_MAX_WAIT);
		}

		/** With the default mode and longest wait. */
		public Lock(Duration waitTimeout, Duration lease) {
			this(waitTimeout, lease, LockMode.AUTO);
		}

		public Lock withMode(LockMode value) {
			return new Lock(this.waitTimeout, this.lease, value, this.maxWait);
		}

		public Lock withMaxWait(Duration value) {
			return new Lock(this.waitTimeout, this.lease, this.mode, value);
		}

	}

	/**
	 * How long one migration may wait for a lock another session holds, and how long one of its
	 * statements may run, before it fails: so a migration stuck behind the application's locks fails
	 * fast instead of queueing everyone behind it. Null leaves the database's own setting.
	 * A migration's {@code -- migrator:lock-timeout=5s} and {@code -- migrator:statement-timeout=2m}
	 * directives take precedence. PostgreSQL applies them with {@code SET LOCAL}; SQLite ignores them.
	 *
	 * @param lock PostgreSQL's {@code lock_timeout} for each migration, or null
	 * @param statement PostgreSQL's {@code statement_timeout} for each migration, or null
	 */
	public record Timeouts(Duration lock, Duration statement) {

		/** The database's own settings. */
		public static final Timeouts DEFAULTS = new Timeouts(null, null);

		public Timeouts {
			if (lock != null) {
				requirePositiveOrZero(lock, "migration lock timeout");
			}
			if (statement != null) {
				requirePositiveOrZero(statement, "statement timeout");
			}
		}

		public Timeouts withLock(Duration value) {
			return new Timeouts(value, this.statement);
		}

		public Timeouts withStatement(Duration value) {
			return new Timeouts(this.lock, value);
		}

	}

	/**
	 * Backups before every run that changes the database.
	 *
	 * @param enabled whether to take them
	 * @param directory where; null means a {@code backups} folder beside the database file
	 * @param compress whether to gzip them
	 * @param retentionCount keep at least the newest this many
	 * @param retentionAge and keep every backup younger than this
	 * @param dumpTool for server databases, the vendor's dump tool ({@code pg_dump}, {@code mysqldump});
	 * null looks for it on the PATH. SQLite needs none.
	 * @param maxCount but never more than this many backups of a database, whatever their age
	 * @param maxTotalSize nor more than this many bytes of them; 0 means ten times the newest backup
	 */
	public record Backup(boolean enabled, Path directory, boolean compress, int retentionCount, Duration retentionAge,
			Path dumpTool, int maxCount, long maxTotalSize) {

		/**
		 * On, beside the database, uncompressed, keeping the newest 10 and all from the last 30 days, but never
		 * more than 20 files nor ten times the newest backup's size.
		 */
		public static final Backup DEFAULTS = new Backup(true, null, false, 10, Duration.ofDays(30), null, 20, 0);

		public Backup {
			if (retentionCount < 1) {
				throw new MigratorException("Backup retention count must be at least 1 (the backup of the current run is always kept), not " + retentionCount);
			}
			requirePositiveOrZero(retentionAge, "backup retention age");
			if (maxCount < 1) {
				throw new MigratorException("Backup max count must be at least 1 (the newest backup is always kept), not " + maxCount);
			}
			if (maxTotalSize < 0) {
				throw new MigratorException("Backup max total size must be 0 (ten times the newest backup) or more bytes, not " + maxTotalSize);
			}
		}

		/** With the default ceilings. */
		public Backup(boolean enabled, Path directory, boolean compress, int retentionCount, Duration retentionAge,
				Path dumpTool) {
			this(enabled, directory, compress, retentionCount, retentionAge, dumpTool, 20, 0);
		}

		public Backup withMaxCount(int value) {
			return new Backup(this.enabled, this.directory, this.compress, this.retentionCount, this.retentionAge,
					this.dumpTool, value, this.maxTotalSize);
		}

		public Backup withMaxTotalSize(long bytes) {
			return new Backup(this.enabled, this.directory, this.compress, this.retentionCount, this.retentionAge,
					this.dumpTool, this.maxCount, bytes);
		}

		public Backup withEnabled(boolean value) {
			return new Backup(value, this.directory, this.compress, this.retentionCount, this.retentionAge, this.dumpTool, this.maxCount,
					this.maxTotalSize);
		}

		public Backup withDirectory(Path value) {
			return new Backup(this.enabled, value, this.compress, this.retentionCount, this.retentionAge, this.dumpTool, this.maxCount,
					this.maxTotalSize);
		}

		public Backup withCompress(boolean value) {
			return new Backup(this.enabled, this.directory, value, this.retentionCount, this.retentionAge, this.dumpTool, this.maxCount,
					this.maxTotalSize);
		}

		public Backup withRetention(int count, Duration age) {
			return new Backup(this.enabled, this.directory, this.compress, count, age, this.dumpTool, this.maxCount,
					this.maxTotalSize);
		}

		public Backup withDumpTool(Path value) {
			return new Backup(this.enabled, this.directory, this.compress, this.retentionCount, this.retentionAge, value, this.maxCount,
					this.maxTotalSize);
		}

	}

	private static void requirePositiveOrZero(Duration duration, String what) {
		if (duration == null || duration.isNegative()) {
			throw new MigratorException("The " + what + " must be zero or more, not " + duration);
		}
	}

	/** The default location of migration scripts. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	/** The default name of the history table. */
	public static final String DEFAULT_TABLE = "schema_migrations";

	/** The default check after a run. */
	public static final IntegrityCheck DEFAULT_INTEGRITY_CHECK = IntegrityCheck.QUICK;

	/** The default transaction mode. */
	public static final TransactionMode DEFAULT_TRANSACTION_MODE = TransactionMode.PER_MIGRATION;

	// A plain identifier, short enough for every supported database (PostgreSQL allows 63 bytes and
	// "_lock" is appended); anything else could smuggle SQL in through configuration.
	private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,57}");

	public Configuration {
		Objects.requireNonNull(dataSource, "dataSource is required: call dataSource(...) or url(...) on the builder");
		locations = List.copyOf(locations);
		javaMigrations = List.copyOf(javaMigrations);
		listeners = List.copyOf(listeners);
		placeholders = Map.copyOf(placeholders);
		Objects.requireNonNull(lock, "lock");
		Objects.requireNonNull(timeouts, "timeouts");
		Objects.requireNonNull(backup, "backup");
		Objects.requireNonNull(integrityCheck, "integrityCheck");
		Objects.requireNonNull(classLoader, "classLoader");
		Objects.requireNonNull(transactionMode, "transactionMode");
		if (table == null || !PLAIN_IDENTIFIER.matcher(table).matches()) {
			throw new MigratorException("Invalid history table name '" + table
					+ "': use a plain SQL identifier (letters, digits and underscores, not starting with a digit, at most 58 characters)");
		}
		if (schema != null && !PLAIN_IDENTIFIER.matcher(schema).matches()) {
			throw new MigratorException("Invalid schema name '" + schema
					+ "': use a plain SQL identifier (letters, digits and underscores, not starting with a digit, at most 58 characters)");
		}
	}

	/** The same settings on another database: a dry run's copy. */
	public Configuration withDataSource(DataSource value) {
		return new Configuration(value, this.locations, this.classLoader, this.javaMigrations, this.table, this.schema,
				this.outOfOrder, this.transactionMode, this.failOnStrayFiles, this.ignoreMissingMigrations, this.lock,
				this.timeouts, this.backup, this.integrityCheck, this.listeners, this.placeholders, this.adopt,
				this.locationIndex);
	}

	/** The same settings with other backup settings. */
	public Configuration withBackup(Backup value) {
		return new Configuration(this.dataSource, this.locations, this.classLoader, this.javaMigrations, this.table,
				this.schema, this.outOfOrder, this.transactionMode, this.failOnStrayFiles, this.ignoreMissingMigrations,
				this.lock, this.timeouts, value, this.integrityCheck, this.listeners, this.placeholders, this.adopt,
				this.locationIndex);
	}

	/** The same settings with other listeners. */
	public Configuration withListeners(List<MigrationListener> value) {
		return new Configuration(this.dataSource, this.locations, this.classLoader, this.javaMigrations, this.table,
				this.schema, this.outOfOrder, this.transactionMode, this.failOnStrayFiles, this.ignoreMissingMigrations,
				this.lock, this.timeouts, this.backup, this.integrityCheck, value, this.placeholders, this.adopt,
				this.locationIndex);
	}

	/** The name of the append-only log table. */
	public String logTable() {
		return this.table + "_log";
	}

	/** The name of the lock table. */
	public String lockTable() {
		return this.table + "_lock";
	}

}
