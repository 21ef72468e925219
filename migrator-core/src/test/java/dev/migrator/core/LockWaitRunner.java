package dev.migrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.RunResult;

/**
 * One application instance starting up, in a JVM of its own, for {@link LockWaitTest}: migrate over
 * the scripts in a folder plus Java migration 2, which lasts until a marker file appears (no sleep to
 * race against), then records its run in the {@code effects} table that script 1 creates. Arguments:
 * those of {@link ConcurrencyRunner} up to the lease (JDBC URL, user, password, migrations folder, lock
 * mode, lease in milliseconds), then the wait timeout in milliseconds and the marker file.
 * <p>
 * Prints {@code BEGIN <instant>} just before migrate, {@code MIGRATING 2} as migration 2 starts, {@code DONE <migrations applied>} at the end, or
 * {@code TIMEOUT <message>} and exits with 3 when it gave up waiting for the lock. The engine's log
 * goes to stderr.
 */
public final class LockWaitRunner {

	private LockWaitRunner() {
	}

	public static void main(String[] args) {
		System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
		Migrator.Builder builder = Migrator.configure();
		if (args[1].isEmpty()) {
			builder.url(args[0]);
		}
		else {
			builder.url(args[0], args[1], args[2]);
		}
		Migrator migrator = builder.locations("filesystem:" + Path.of(args[3]))
			.lockMode(LockMode.valueOf(args[4]))
			.lock(Duration.ofMillis(Long.parseLong(args[6])), Duration.ofMillis(Long.parseLong(args[5])))
			.backupEnabled(false)
			.javaMigrations(new UntilMarker(Path.of(args[7])))
			.load();
		System.out.println("BEGIN " + Instant.now());
		try {
			RunResult result = migrator.migrate();
			System.out.println("DONE " + result.migrations().size());
		}
		catch (LockTimeoutException ex) {
			System.out.println("TIMEOUT " + ex.getMessage());
			System.exit(3);
		}
	}

	/** Migration 2: lasts until its marker file exists, then leaves its mark. */
	static final class UntilMarker implements JavaMigration {

		private final Path marker;

		UntilMarker(Path marker) {
			this.marker = marker;
		}

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "lasts until told";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			System.out.println("MIGRATING 2");
			while (!Files.exists(this.marker)) {
				Thread.sleep(10);
			}
			try (PreparedStatement insert = context.connection()
				.prepareStatement("INSERT INTO effects (version, pid) VALUES (?, ?)")) {
				insert.setString(1, "2");
				insert.setLong(2, ProcessHandle.current().pid());
				insert.executeUpdate();
			}
		}

	}

}
