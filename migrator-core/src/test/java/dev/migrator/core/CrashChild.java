package dev.migrator.core;

import java.nio.file.Path;

/**
 * Runs one migrate in its own JVM, for {@link CrashSafetyTest} to kill at a random instant.
 * Arguments: the database file, the migrations folder.
 */
public final class CrashChild {

	private CrashChild() {
	}

	public static void main(String[] args) {
		System.out.println("STARTED " + ProcessHandle.current().pid());
		Migrator.configure()
			.url("jdbc:sqlite:" + Path.of(args[0]))
			.locations("filesystem:" + Path.of(args[1]))
			.load()
			.migrate();
		System.out.println("DONE");
	}

}
