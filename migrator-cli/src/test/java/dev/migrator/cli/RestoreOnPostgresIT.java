package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.testing.PostgresServer;
import tools.jackson.databind.JsonNode;

/**
 * {@code restore} on PostgreSQL from the command line, as on SQLite: picked by id, {@code --version}
 * or {@code --before}, after a safety dump, with the embedded server and the system's client tools
 * (skipped with a message where they are not installed: Debian's postgresql-client).
 */
class RestoreOnPostgresIT {


	@TempDir
	Path directory;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(onPath("pg_dump") && onPath("pg_restore") && onPath("psql"),
				"the PostgreSQL client tools are not installed (Debian/Ubuntu: apt-get install postgresql-client)");
		// the engine tests' server of this JVM (its first use starts it), shared by the ITs that need one
		PostgresServer.port();
	}

	private static boolean onPath(String tool) {
		for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!folder.isBlank() && Files.isExecutable(Path.of(folder, tool))) {
				return true;
			}
		}
		return false;
	}

	@Test
	void restoreByVersionPutsTheDatabaseBackAndTheSafetyBackupUndoesIt() throws Exception {
		String schema = "shop_" + ProcessHandle.current().pid();
		execute("CREATE SCHEMA " + schema);
		Path migrations = Files.createDirectories(this.directory.resolve("db/migration"));
		Files.writeString(migrations.resolve("001_tasks.sql"), """
				CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
				INSERT INTO tasks VALUES (1, 'write the docs');
				""");
		Path state = this.directory.resolve("state");
		String url = "jdbc:postgresql://localhost:" + PostgresServer.port() + "/" + PostgresServer.DATABASE + "?user=postgres";
		CliRun cli = new CliRun(this.directory).env("MIGRATOR_URL", url)
			.env("MIGRATOR_SCHEMA", schema)
			.env("XDG_STATE_HOME", state.toString());
		// 001 through the engine (set-up, no backup); the command line takes the backup at 001 as it migrates to 002
		Migrator.configure().url(url).schema(schema).locations("filesystem:" + migrations).backupEnabled(false).load().migrate();
		Files.writeString(migrations.resolve("002_tags.sql"), """
				CREATE TABLE tags (id INTEGER PRIMARY KEY);
				UPDATE tasks SET title = 'changed';
				""");
		assertThat(cli.run("migrate").exitCode()).isZero();

		CliRun.Result restore = cli.run("restore", "--version", "1", "--json");
		List<String> afterRestore = tables(schema);
		String title = single("SELECT title FROM " + schema + ".tasks");
		String safety = restore.json().at("/safetyBackup/id").asString();
		CliRun.Result undo = cli.run("restore", safety);
		CliRun.Result backups = cli.run("backups");

		assertThat(restore.exitCode()).as(restore.toString()).isZero();
		assertThat(restore.json().at("/restored/version").asString()).isEqualTo("001");
		assertThat(restore.json().at("/currentVersion").asString()).isEqualTo("001");
		assertThat(afterRestore).containsExactly("schema_migrations", "schema_migrations_log", "tasks");
		assertThat(title).isEqualTo("write the docs");
		assertThat(undo.exitCode()).as(undo.toString()).isZero();
		assertThat(undo.stdout()).contains("the database is at version 002");
		assertThat(tables(schema)).contains("tags");
		// the server's folder, whatever the working directory: never backups/ there by accident
		assertThat(backups.stdout()).contains(safety);
		assertThat(state.resolve("migrator/backups/localhost-" + PostgresServer.port()).resolve(safety)).isRegularFile();
		assertThat(this.directory.resolve("backups")).doesNotExist();
	}

	private static void execute(String sql) throws Exception {
		try (Connection connection = PostgresServer.connect(null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String single(String sql) throws Exception {
		try (Connection connection = PostgresServer.connect(null);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static List<String> tables(String schema) throws Exception {
		try (Connection connection = PostgresServer.connect(null);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
						+ schema + "' ORDER BY table_name")) {
			List<String> names = new ArrayList<>();
			while (rows.next()) {
				names.add(rows.getString(1));
			}
			return names;
		}
	}

}
