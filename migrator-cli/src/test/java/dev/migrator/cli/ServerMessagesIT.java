package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL's RAISE NOTICE and RAISE WARNING from a migration reach the engine's log, which
 * {@code -v} shows, named by script and line; without {@code -v} the output stays as it was.
 */
class ServerMessagesIT {

	private static EmbeddedPostgres server;

	@TempDir
	Path directory;

	@BeforeAll
	static void start() throws Exception {
		server = PostgresServer.get();
	}

	@Test
	void noticesAndWarningsOfAMigrationAreShownWithVerbose() throws Exception {
		String schema = "messages_" + ProcessHandle.current().pid();
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		Path migrations = Files.createDirectories(this.directory.resolve("db/migration"));
		Files.writeString(migrations.resolve("001_tasks.sql"), "CREATE TABLE tasks (id INTEGER);");
		Files.writeString(migrations.resolve("002_backfill.sql"), """
				INSERT INTO tasks SELECT generate_series(1, 42);

				DO $$
				BEGIN
					RAISE NOTICE 'backfilled % rows', (SELECT count(*) FROM tasks);
					RAISE WARNING 'tasks without owner: %', 42;
				END
				$$;
				""");
		CliRun cli = new CliRun(this.directory)
			.env("MIGRATOR_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?user=postgres")
			.env("MIGRATOR_SCHEMA", schema)
			.env("MIGRATOR_BACKUP_ENABLED", "false");

		CliRun.Result quiet = cli.run("migrate", "--target", "1");
		CliRun.Result verbose = cli.run("migrate", "-v");

		assertThat(quiet.exitCode()).isZero();
		assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
		assertThat(verbose.stderr()).contains("[INFO] ServerMessages - Migration 002, 002_backfill.sql:3: NOTICE: backfilled 42 rows",
				"[INFO] ServerMessages - Migration 002, 002_backfill.sql:3: WARNING: tasks without owner: 42");
		assertThat(quiet.stderr()).doesNotContain("NOTICE");
	}

}
