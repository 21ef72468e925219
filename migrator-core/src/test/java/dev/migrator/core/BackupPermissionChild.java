package dev.migrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Run by {@link BackupPermissionTest} in a JVM started under {@code umask 000}: takes every kind of
 * backup the engine writes, then says the mode a plain new file gets there, to prove the umask.
 *
 * <p>Arguments: the working folder, and optionally a PostgreSQL URL and schema for a pg_dump backup.
 */
public final class BackupPermissionChild {

	private BackupPermissionChild() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]);
		Path migrations = Files.createDirectories(dir.resolve("migrations"));
		Files.writeString(migrations.resolve("1_tasks.sql"),
				"CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT);\n-- migrate:down\nDROP TABLE tasks;");
		Files.writeString(migrations.resolve("2_more.sql"),
				"CREATE TABLE more_tasks (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE more_tasks;");
		String locations = "filesystem:" + migrations;

		// compressed backups with their checksum sidecars, in folders that do not exist yet
		Migrator compressed = Migrator.configure().url("jdbc:sqlite:" + dir.resolve("app.db")).locations(locations)
			.backupDirectory(dir.resolve("backups/nested/compressed")).backupCompress(true).load();
		compressed.migrate("1");
		compressed.migrate();
		// a restore takes a safety backup of the state it replaces
		compressed.restore(compressed.backups().get(0).id());

		Migrator plain = Migrator.configure().url("jdbc:sqlite:" + dir.resolve("app.db")).locations(locations)
			.backupDirectory(dir.resolve("backups/plain")).load();
		plain.migrate();
		plain.rollback(1);

		if (args.length > 2) {
			Migrator.configure().url(args[1]).schema(args[2]).locations(locations)
				.backupDirectory(dir.resolve("backups/postgresql")).load().migrate();
		}
		Path probe = Files.createFile(dir.resolve("probe"));
		System.out.println("UMASK-PROBE " + PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)));
	}

}
