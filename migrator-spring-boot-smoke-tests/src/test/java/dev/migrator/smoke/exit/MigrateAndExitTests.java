package dev.migrator.smoke.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrator.mode=migrate-and-exit} in a real process, as a Kubernetes Job or init container runs
 * it: the web application migrates, logs what it did and exits, with the code a Job reads.
 */
class MigrateAndExitTests {

	@TempDir
	Path dir;

	@Test
	void migratesLogsTheReportAndExitsZeroWithoutServing() throws Exception {
		Path migrations = migrations("CREATE TABLE tasks (id INTEGER PRIMARY KEY);\n");
		Result result = run(migrations);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("Migrated from version 0 to 001:", "001_create_tasks.sql",
				"Migrations done; the application exits with code 0 without serving (migrator.mode=migrate-and-exit)");
		assertThat(result.output()).doesNotContain("Tomcat started");

		Result again = run(migrations);
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output()).contains("Nothing to migrate: the schema is at version 001");
	}

	@Test
	void aFailedMigrationExitsWithCodeOne() throws Exception {
		Result result = run(migrations("CREATE TABLE tasks (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n"));
		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("APPLICATION FAILED TO START", "001_create_tasks.sql:2");
	}

	private Path migrations(String script) throws IOException {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("001_create_tasks.sql"), script);
		return migrations;
	}

	// A Job must see the failure even where the application would stay up with it.
	@Test
	void aFailedMigrationExitsWithCodeOneWithOnFailureContinueToo() throws Exception {
		Result result = run(migrations("CREATE TABLE tasks (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n"),
				"--migrator.on-failure=continue");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("Migrations failed; the application exits with code 1 without serving");
	}

	// What the assertion above relies on: where the user asks for a web server, it starts (and says so).
	@Test
	void aWebApplicationTypeTheUserSetWins() throws Exception {
		Result result = run(migrations("CREATE TABLE tasks (id INTEGER PRIMARY KEY);\n"),
				"--spring.main.web-application-type=servlet");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("Tomcat started");
	}

	private Result run(Path migrations, String... extra) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
				"-cp", System.getProperty("java.class.path"), ExitApplication.class.getName(),
				"--spring.datasource.url=jdbc:sqlite:" + this.dir.resolve("app.db"),
				"--migrator.locations=filesystem:" + migrations, "--migrator.mode=migrate-and-exit", "--server.port=0",
				"--spring.autoconfigure.exclude=org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
				"--logging.level.org.springframework.boot=INFO"));
		command.addAll(List.of(extra));
		Path log = this.dir.resolve("out-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("did not exit: " + Files.readString(log));
		}
		String output = Files.readString(log);
		System.out.println(output);
		return new Result(process.exitValue(), output);
	}

	record Result(int exitCode, String output) {
	}

}
