package dev.migrator.smoke.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplicationAotProcessor;

/**
 * Spring Boot's AOT processing on the JVM, as {@code process-aot} runs it: {@link SpringApplicationAotProcessor}
 * prepares {@link AotApplication} in its own process, the generated sources are compiled, and the
 * application is started with {@code -Dspring.aot.enabled=true}. Its migrations live in a class-path
 * folder of their own, so that a file can be added or changed after the build.
 */
class AotProcessingTests {

	private static final String FIRST = "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL);\n";

	/** The same size as {@link #FIRST}. */
	private static final String FIRST_CHANGED = "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL);\n";

	@TempDir
	static Path build;

	/** The migrations as the build processed them: copied (with their times) for each test. */
	static Path processedMigrations;

	static Path generatedClasses;

	static Path generatedResources;

	@TempDir
	Path dir;

	@BeforeAll
	static void processAheadOfTime() throws Exception {
		processedMigrations = build.resolve("migrations");
		Path folder = Files.createDirectories(processedMigrations.resolve("db/aot"));
		Files.writeString(folder.resolve("001_create_tasks.sql"), FIRST);
		Files.writeString(folder.resolve("002_add_done.sql"), "ALTER TABLE tasks ADD COLUMN done INTEGER NOT NULL DEFAULT 0;\n");
		Path sources = build.resolve("sources");
		generatedResources = build.resolve("resources");
		generatedClasses = Files.createDirectories(build.resolve("classes"));
		List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp", classPath(processedMigrations),
				SpringApplicationAotProcessor.class.getName(), AotApplication.class.getName(), sources.toString(),
				generatedResources.toString(), generatedClasses.toString(), "dev.migrator", "aot-smoke"));
		command.addAll(applicationArguments(build.resolve("unused.db")));
		Result processed = run(command, build.resolve("process-aot.log"));
		assertThat(processed.exitCode()).as(processed.output()).isZero();
		assertThat(processed.output()).contains("Indexed the migrations of [classpath:db/aot] into META-INF/migrator/aot-index");
		compile(sources, generatedClasses);
	}

	// One scenario, so that the processed application is started as few times as the claims need (each start is a JVM).
	@Test
	void anAotStartMigratesFromTheBuildsIndexListsNoFolderAndStillDetectsAChangedFile() throws Exception {
		Path migrations = copyOfProcessedMigrations();
		// added after the build: only a start that lists the folder could find it
		Files.writeString(migrations.resolve("db/aot/003_later.sql"), "CREATE TABLE later (id INTEGER);\n");

		Result aot = start(migrations, this.dir.resolve("aot.db"), true);
		assertThat(aot.exitCode()).as(aot.output()).isZero();
		assertThat(aot.output()).contains("Starting AOT-processed AotApplication",
				"Migrator lists the files of [classpath:db/aot] from the AOT index META-INF/migrator/aot-index,"
						+ " written at build time: no folder is listed",
				"Applied migration 001 (create tasks)", "Applied migration 002 (add done)");
		assertThat(versions(this.dir.resolve("aot.db"))).containsExactly("001", "002");

		// the lock-free up-to-date start compares the history with the index (fresh: no file changed)
		Result again = start(migrations, this.dir.resolve("aot.db"), true);
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output())
			.contains("Schema is up to date at version 002; nothing to migrate (checked with the migration index)");

		// a file changed after the build (same size, later time) stops the start, as without the index
		Path file = migrations.resolve("db/aot/001_create_tasks.sql");
		FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, FIRST_CHANGED, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 5_000));
		Result changed = start(migrations, this.dir.resolve("aot.db"), true);
		assertThat(changed.exitCode()).as(changed.output()).isNotZero();
		assertThat(changed.output()).contains("from the AOT index",
				"db/aot/001_create_tasks.sql has changed since it was applied");

		// the same class path without the generated artifacts lists the folder, and finds the added file
		Result plain = start(migrations, this.dir.resolve("plain.db"), false);
		assertThat(plain.exitCode()).as(plain.output()).isZero();
		assertThat(plain.output()).doesNotContain("AOT-processed", "from the AOT index");
		assertThat(versions(this.dir.resolve("plain.db"))).containsExactly("001", "002", "003");
	}

	private Path copyOfProcessedMigrations() throws IOException {
		Path copy = this.dir.resolve("migrations");
		try (Stream<Path> files = Files.walk(processedMigrations)) {
			for (Path from : files.toList()) {
				Path to = copy.resolve(processedMigrations.relativize(from).toString());
				if (Files.isDirectory(from)) {
					Files.createDirectories(to);
				}
				else {
					Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		return copy;
	}

	private Result start(Path migrations, Path db, boolean aot) throws Exception {
		List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1"));
		if (aot) {
			command.add("-Dspring.aot.enabled=true");
		}
		command.addAll(List.of("-cp", generatedClasses + File.pathSeparator + generatedResources + File.pathSeparator
				+ classPath(migrations), AotApplication.class.getName()));
		command.addAll(applicationArguments(db));
		return run(command, this.dir.resolve("start-" + System.nanoTime() + ".log"));
	}

	private static List<String> applicationArguments(Path db) {
		return List.of("--spring.datasource.url=jdbc:sqlite:" + db, "--migrator.locations=classpath:db/aot",
				"--migrator.backup.enabled=false", "--spring.main.web-application-type=none",
				"--spring.autoconfigure.exclude=org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");
	}

	private static void compile(Path sources, Path classes) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", classes.toString(), "-cp",
				System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
		try (Stream<Path> files = Files.walk(sources)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> arguments.add(file.toString()));
		}
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac " + arguments).isZero();
	}

	private static String classPath(Path migrations) {
		return migrations + File.pathSeparator + System.getProperty("java.class.path");
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Result run(List<String> command, Path log) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("did not exit: " + Files.readString(log));
		}
		return new Result(process.exitValue(), Files.readString(log));
	}

	private static List<String> versions(Path db) throws SQLException {
		List<String> versions = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT version FROM schema_migrations ORDER BY version")) {
			while (rows.next()) {
				versions.add(rows.getString(1));
			}
		}
		return versions;
	}

	record Result(int exitCode, String output) {
	}

}
