package dev.migrator.core;

import java.nio.file.Path;
import java.time.Duration;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.RunResult;

/**
 * Runs one migrate on PostgreSQL in its own JVM, for the tests that start several at once or kill
 * one. Arguments: JDBC URL, migrations folder, lock mode, lease in milliseconds, and how long a Java
 * migration 1.5 sleeps inside its transaction (0: no such migration); a sixth, {@code backups}, turns
 * backups on. Prints {@code STARTED <pid>}, {@code SLEEPING} once the sleeper runs, a
 * {@code WARNING <text>} line per warning of the run, and {@code DONE <migrations applied>}.
 */
public final class PostgresRunner {

	private PostgresRunner() {
	}

	public static void main(String[] args) {
		long sleepMillis = Long.parseLong(args[4]);
		System.out.println("STARTED " + ProcessHandle.current().pid());
		Migrator.Builder builder = Migrator.configure()
			.url(args[0])
			.locations("filesystem:" + Path.of(args[1]))
			.lockMode(LockMode.valueOf(args[2]))
			.lock(Duration.ofMinutes(1), Duration.ofMillis(Long.parseLong(args[3])))
			.backupEnabled(args.length > 5 && args[5].equals("backups"));
		if (sleepMillis > 0) {
			builder.javaMigrations(new Sleeper(sleepMillis));
		}
		RunResult result = builder.load().migrate();
		result.warnings().forEach((warning) -> System.out.println("WARNING " + warning));
		System.out.println("DONE " + result.migrations().size());
	}

	/** Holds the lock, idle in its transaction, until killed. */
	static final class Sleeper implements JavaMigration {

		private final long millis;

		Sleeper(long millis) {
			this.millis = millis;
		}

		@Override
		public String version() {
			return "1.5";
		}

		@Override
		public String description() {
			return "sleeps";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			System.out.println("SLEEPING");
			Thread.sleep(this.millis);
		}

	}

}
