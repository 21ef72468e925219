package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.testing.MariaDbServer;

/**
 * {@code restore} on MariaDB from the command line: a backup, a change, {@code restore --version},
 * each state compared with a full {@code mariadb-dump} of the database. The embedded server brings
 * its client and dump tool; against a server of your own they come from the PATH, and without
 * them the test is skipped saying which package has them.
 */
class RestoreOnMariaDbIT {

	@TempDir
	Path directory;

	@Test
	void restoreByVersionPutsTheDatabaseBackAsDumpedAndTheSafetyBackupUndoesIt() throws Exception {
		MariaDbServer server = MariaDbServer.get();
		Path dumpTool = server.dumpTool().orElse(null);
		assumeTrue(dumpTool != null && Files.isExecutable(dumpTool.resolveSibling("mariadb")),
				"the MariaDB client tools (mariadb-dump, mariadb) are not installed (Debian/Ubuntu: apt-get install mariadb-client)");
		String database = server.createDatabase();
		Path migrations = Files.createDirectories(this.directory.resolve("db/migration"));
		Files.writeString(migrations.resolve("001_tasks.sql"), """
				CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL);
				INSERT INTO tasks VALUES (1, 'write the docs'), (2, 'it''s "quoted" \\\\ and #');
				CREATE VIEW open_tasks AS SELECT id, title FROM tasks;
				""");
		CliRun cli = new CliRun(this.directory).env("MIGRATOR_URL", server.url(database))
			.env("MIGRATOR_USER", server.user())
			.env("MIGRATOR_PASSWORD", server.password())
			.env("MIGRATOR_BACKUP_DUMP_TOOL", dumpTool.toString())
			.env("XDG_STATE_HOME", this.directory.resolve("state").toString());
		// 001 through the engine (set-up, no backup); the command line takes the backup at 001 as it migrates to 002
		Migrator.configure()
			.url(server.url(database), server.user(), server.password())
			.locations("filesystem:" + migrations)
			.backupEnabled(false)
			.load()
			.migrate();
		List<String> atVersion1 = dump(server, dumpTool, database);
		Files.writeString(migrations.resolve("002_tags.sql"), """
				CREATE TABLE tags (id INTEGER PRIMARY KEY);
				UPDATE tasks SET title = 'changed';
				ALTER TABLE tasks ADD COLUMN due DATE;
				""");
		CliRun.Result migrate = cli.run("migrate");
		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		List<String> atVersion2 = dump(server, dumpTool, database);
		assertThat(atVersion2).isNotEqualTo(atVersion1);

		CliRun.Result restore = cli.run("restore", "--version", "1", "--json");

		assertThat(restore.exitCode()).as(restore.toString()).isZero();
		assertThat(restore.json().at("/restored/version").asString()).isEqualTo("001");
		assertThat(restore.json().at("/currentVersion").asString()).isEqualTo("001");
		assertThat(dump(server, dumpTool, database)).isEqualTo(atVersion1);

		// the state before the restore was dumped first: restoring that dump undoes the restore
		CliRun.Result undo = cli.run("restore", restore.json().at("/safetyBackup/id").asString());
		assertThat(undo.exitCode()).as(undo.toString()).isZero();
		assertThat(undo.stdout()).contains("the database is at version 002");
		assertThat(dump(server, dumpTool, database)).isEqualTo(atVersion2);
		// and the attempts made since the backup are still in the log, the restores with them
		try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
			assertThat(statement.executeQuery("SELECT count(*) FROM schema_migrations_log WHERE action = 'restore'"))
				.satisfies((rows) -> {
					rows.next();
					assertThat(rows.getInt(1)).isEqualTo(2);
				});
		}
	}

	/**
	 * Schema, views and every row, in primary-key order; the log is left out, since every restore
	 * carries the entries written since the backup over and adds its own.
	 */
	private static List<String> dump(MariaDbServer server, Path dumpTool, String database) throws Exception {
		List<String> command = new ArrayList<>(List.of(dumpTool.toString(), "--no-defaults", "--host=127.0.0.1",
				"--port=" + portOf(server.url(database)), "--user=" + server.user(), "--password=" + server.password(),
				"--skip-ssl", "--skip-comments", "--skip-dump-date", "--skip-extended-insert", "--order-by-primary",
				"--routines", "--ignore-table=" + database + ".schema_migrations_log", database));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		// AUTO_INCREMENT counters are not data: a restore may leave them where they were
		return out.lines().map((line) -> line.replaceAll(" AUTO_INCREMENT=\\d+", "")).toList();
	}

	private static String portOf(String url) {
		return url.replaceFirst("^jdbc:mariadb://[^:]+:(\\d+)/.*$", "$1");
	}

}
