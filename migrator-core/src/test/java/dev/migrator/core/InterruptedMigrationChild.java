package dev.migrator.core;

/**
 * Runs one migrate in its own JVM, for {@link InterruptedMigrationTest} to kill while a migration
 * is between its statements. Arguments: the JDBC URL, the user and password ({@code -} for none),
 * the migrations folder. Prints {@code STARTED <pid>} before it migrates and {@code DONE} after.
 */
public final class InterruptedMigrationChild {

	private InterruptedMigrationChild() {
	}

	public static void main(String[] args) {
		Migrator migrator = Migrator.configure()
			.url(args[0], "-".equals(args[1]) ? null : args[1], "-".equals(args[2]) ? null : args[2])
			.locations("filesystem:" + args[3])
			.backupEnabled(false)
			.load();
		System.out.println("STARTED " + ProcessHandle.current().pid());
		migrator.migrate();
		System.out.println("DONE");
	}

}
