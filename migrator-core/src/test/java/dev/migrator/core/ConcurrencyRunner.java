package dev.migrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.RunResult;

/**
 * One application instance starting up, in a JVM of its own, for {@link ConcurrencyTest} and
 * {@link LockTakeoverTest}: runs migrate over the scripts in a folder plus three Java migrations
 * (versions 2, 3 and 4) that each sleep, then record their run in the {@code effects} table that
 * script 1 creates. Arguments: JDBC URL, user and password (empty: none), the migrations folder,
 * the lock mode, the lease in milliseconds, how long each Java migration sleeps in milliseconds
 * ({@code -1}: until the process is killed), and optionally how long migration 2 sleeps instead and
 * a file migration 2 waits for before it starts that sleep, so that a test can make a holder's
 * migration last a given time after a waiter has begun to wait. Backups are taken on SQLite only,
 * where they are cheap.
 * <p>
 * Prints {@code BEGIN <instant>} just before migrate, {@code SLEEPING <version>} as a Java
 * migration starts and {@code DONE <migrations applied>} at the end. The engine's log goes to
 * stderr with millisecond time stamps, so a test can read when this process took and released the
 * lock.
 */
public final class ConcurrencyRunner {

	/** The versions of the Java migrations; script 1 comes before them. */
	static final String[] JAVA_VERSIONS = { "2", "3", "4" };

	/** Script 1 and the three Java migrations. */
	static final int MIGRATIONS = 1 + JAVA_VERSIONS.length;

	/** What script 1 says, the same on every engine: the table each migration leaves one row in. */
	static final String FIRST_SCRIPT = "CREATE TABLE effects (version VARCHAR(10) NOT NULL, pid BIGINT);\n"
			+ "INSERT INTO effects (version, pid) VALUES ('1', NULL);\n";

	private ConcurrencyRunner() {
	}

	public static void main(String[] args) {
		// slf4j-simple reads its settings when the first logger is made, which has not happened yet
		System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
		String url = args[0];
		Migrator.Builder builder = Migrator.configure();
		if (args[1].isEmpty()) {
			builder.url(url);
		}
		else {
			builder.url(url, args[1], args[2]);
		}
		long sleepMillis = Long.parseLong(args[6]);
		builder.locations("filesystem:" + Path.of(args[3]))
			.lockMode(LockMode.valueOf(args[4]))
			.lock(Duration.ofMinutes(5), Duration.ofMillis(Long.parseLong(args[5])))
			.backupEnabled(url.startsWith("jdbc:sqlite:"))
			.backupDirectory(Path.of(args[3]).resolveSibling("backups-" + ProcessHandle.current().pid()));
		JavaMigration[] sleepers = new JavaMigration[JAVA_VERSIONS.length];
		for (int i = 0; i < sleepers.length; i++) {
			boolean first = i == 0 && args.length > 7;
			sleepers[i] = new Sleeper(JAVA_VERSIONS[i], first ? Long.parseLong(args[7]) : sleepMillis,
					(first && args.length > 8) ? Path.of(args[8]) : null);
		}
		builder.javaMigrations(sleepers);
		Migrator migrator = builder.load();
		System.out.println("BEGIN " + Instant.now());
		RunResult result = migrator.migrate();
		System.out.println("DONE " + result.migrations().size());
	}

	/** A migration that takes a while, then leaves its mark. */
	static final class Sleeper implements JavaMigration {

		private final String version;

		private final long millis;

		private final Path signal;

		Sleeper(String version, long millis, Path signal) {
			this.version = version;
			this.millis = millis;
			this.signal = signal;
		}

		@Override
		public String version() {
			return this.version;
		}

		@Override
		public String description() {
			return "takes a while";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			System.out.println("SLEEPING " + this.version);
			while (this.signal != null && !Files.exists(this.signal)) {
				Thread.sleep(10);
			}
			Thread.sleep((this.millis < 0) ? Long.MAX_VALUE : this.millis);
			try (PreparedStatement insert = context.connection()
				.prepareStatement("INSERT INTO effects (version, pid) VALUES (?, ?)")) {
				insert.setString(1, this.version);
				insert.setLong(2, ProcessHandle.current().pid());
				insert.executeUpdate();
			}
		}

	}

}
