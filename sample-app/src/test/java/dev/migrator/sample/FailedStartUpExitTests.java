package dev.migrator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed start-up migration stops the application's process with a non-zero exit code, web server
 * and all: run in a child JVM, since it ends with System.exit.
 */
class FailedStartUpExitTests {

	@TempDir
	Path dir;

	@Test
	void aFailedMigrationEndsTheProcessWithExitCodeOneAndSaysWhatToDo() throws Exception {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("001_create_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
		Files.writeString(migrations.resolve("002_fill_notes.sql"), "INSERT INTO no_such_table VALUES (1);\n");
		Path output = this.dir.resolve("output.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), DashboardApplication.class.getName(), "--server.port=0",
				"--dashboard.data-dir=" + this.dir, "--migrator.locations=filesystem:" + migrations)
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean exited = process.waitFor(2, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly();
		}
		assertThat(exited).as("the process ended by itself").isTrue();
		assertThat(process.exitValue()).isEqualTo(1);
		assertThat(Files.readString(output)).contains("APPLICATION FAILED TO START", "002_fill_notes.sql",
				"migrator.on-failure=continue");
	}

}
