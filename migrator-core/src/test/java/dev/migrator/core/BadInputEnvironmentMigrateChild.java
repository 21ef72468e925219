package dev.migrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * Runs one migrate in its own JVM once a go-file appears, so the test can first put a limit on
 * this process (prlimit) that the test's own JVM must not have. Arguments: the database file, the
 * migrations folder, the go-file. Prints {@code READY <pid>}, then {@code DONE} or
 * {@code FAILED <type>: <message>}.
 */
public final class BadInputEnvironmentMigrateChild {

	private BadInputEnvironmentMigrateChild() {
	}

	public static void main(String[] args) throws Exception {
		Path go = Path.of(args[2]);
		// the driver unpacks its native library into a temp file on first use: done before any limit is set
		DriverManager.getConnection("jdbc:sqlite:" + Path.of(args[0])).close();
		System.out.println("READY " + ProcessHandle.current().pid());
		while (!Files.exists(go)) {
			Thread.sleep(10);
		}
		try {
			Migrator.configure()
				.url("jdbc:sqlite:" + Path.of(args[0]))
				.locations("filesystem:" + Path.of(args[1]))
				.load()
				.migrate();
			System.out.println("DONE");
		}
		catch (RuntimeException ex) {
			System.out.println("FAILED " + ex.getClass().getSimpleName() + ": "
					+ String.valueOf(ex.getMessage()).replace(System.lineSeparator(), " / "));
		}
	}

}
