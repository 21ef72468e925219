package dev.migrator.core;

import java.time.Duration;

/**
 * One migrate in a JVM of its own, for {@link MariaDbConcurrencyTest}. Arguments: the JDBC URL,
 * user, password, the migrations folder. Prints {@code APPLIED <n>} when done.
 */
public final class MariaDbMigrateProcess {

	private MariaDbMigrateProcess() {
	}

	public static void main(String[] args) {
		int applied = Migrator.configure()
			.url(args[0], args[1], args[2])
			.locations("filesystem:" + args[3])
			.backupEnabled(false)
			.lockWaitTimeout(Duration.ofMinutes(1))
			.load()
			.migrate()
			.migrations()
			.size();
		System.out.println("APPLIED " + applied);
	}

}
