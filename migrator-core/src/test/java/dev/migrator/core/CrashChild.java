package dev.migrator.core;

import dev.migrator.core.api.RunOptions;

/**
 * Runs one operation in its own JVM, for {@link CrashSafetyTest} to kill at a random instant.
 * Arguments: the operation ({@code migrate}, {@code rollback} or {@code restore}), the JDBC URL, the
 * migrations folder, whether to take backups, and for rollback the target version, for restore the
 * backup id, then the user and password where the URL does not carry them (MariaDB). Prints
 * {@code STARTED <pid>} when it is about to begin and {@code DONE} when it finished.
 */
public final class CrashChild {

	private CrashChild() {
	}

	public static void main(String[] args) {
		Migrator migrator = Migrator.configure()
			.url(args[1], (args.length > 6) ? args[5] : null, (args.length > 6) ? args[6] : null)
			.locations("filesystem:" + args[2])
			.backupEnabled(Boolean.parseBoolean(args[3]))
			.load();
		// Loads the engine's classes and the driver, and reads the migrations and the history, changing nothing:
		// otherwise a JVM's start-up would take most of the working time the kills are spread over.
		migrator.info();
		System.out.println("STARTED " + ProcessHandle.current().pid());
		switch (args[0]) {
			case "migrate" -> migrator.migrate();
			case "rollback" -> migrator.rollbackTo(args[4], RunOptions.DEFAULT.withAllowDataLoss(true));
			case "restore" -> migrator.restore(args[4]);
			default -> throw new IllegalArgumentException("unknown operation " + args[0]);
		}
		System.out.println("DONE");
	}

}
