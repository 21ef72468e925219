package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.testing.PostgresServer;

/**
 * PostgreSQL's RAISE NOTICE and RAISE WARNING from a migration reach the engine's log, which
 * {@code -v} shows, named by script and line; without {@code -v} the output stays as it was.
 */
class ServerMessagesIT {


	@TempDir
	Path directory;

	@BeforeAll
	static void start() throws Exception {
		// the engine tests' server of this JVM (its first use starts it), shared by the ITs that need one
		PostgresServer.port();
	}

	@Test
	void noticesAndWarningsOfAMigrationAreShownWithVerbose() throws Exception {
		// the same two migrations in two schemas: each run applies 002, whose NOTICE and WARNING only -v shows
		String verboseSchema = "messages_" + ProcessHandle.current().pid();
		String quietSchema = "quiet_messages_" + ProcessHandle.current().pid();
		try (Connection connection = PostgresServer.connect(null);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + verboseSchema);
			statement.execute("CREATE SCHEMA " + quietSchema);
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
		String url = "jdbc:postgresql://localhost:" + PostgresServer.port() + "/" + PostgresServer.DATABASE + "?user=postgres";

		CliRun.Result quiet = new CliRun(this.directory).env("MIGRATOR_URL", url)
			.env("MIGRATOR_SCHEMA", quietSchema)
			.env("MIGRATOR_BACKUP_ENABLED", "false")
			.run("migrate");
		CliRun.Result verbose = new CliRun(this.directory).env("MIGRATOR_URL", url)
			.env("MIGRATOR_SCHEMA", verboseSchema)
			.env("MIGRATOR_BACKUP_ENABLED", "false")
			.run("migrate", "-v");

		assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
		try (Connection connection = PostgresServer.connect(null);
				Statement statement = connection.createStatement();
				java.sql.ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + quietSchema + ".tasks")) {
			rs.next();
			assertThat(rs.getInt(1)).as("the quiet run applied 002, which raised the messages").isEqualTo(42);
		}
		assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
		assertThat(verbose.stderr()).contains("[INFO] ServerMessages - Migration 002, 002_backfill.sql:3: NOTICE: backfilled 42 rows",
				"[INFO] ServerMessages - Migration 002, 002_backfill.sql:3: WARNING: tasks without owner: 42");
		assertThat(quiet.stderr()).doesNotContain("NOTICE", "WARNING", "backfilled", "without owner");
	}

}
