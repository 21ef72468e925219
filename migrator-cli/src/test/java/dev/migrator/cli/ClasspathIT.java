package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;

/**
 * {@code --classpath}: the command line reads an application's Java migrations and its
 * {@code classpath:} scripts from a folder of classes, a jar or a Spring Boot fat jar, so it can
 * operate a database the application migrated (the sample app's, whose migration 006 is Java).
 */
class ClasspathIT {

	private static final String NOTES = """
			CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
			INSERT INTO notes (text) VALUES ('first');

			-- migrate:down
			DROP TABLE notes;
			""";

	// a Java migration that needs a class of a library: the fat jar's BOOT-INF/lib must be read
	private static final String ADD_COLOURS = """
			package com.example.notes;

			import java.sql.Statement;
			import dev.migrator.core.api.JavaMigration;
			import dev.migrator.core.api.MigrationContext;

			class AddNoteColours implements JavaMigration {
				public String version() { return "002"; }
				public String description() { return "add note colours"; }
				public void up(MigrationContext context) throws Exception {
					try (Statement statement = context.connection().createStatement()) {
						statement.execute("ALTER TABLE notes ADD COLUMN colour TEXT");
						statement.execute("UPDATE notes SET colour = '" + com.example.palette.Palette.defaultColour() + "'");
					}
				}
				public void down(MigrationContext context) throws Exception {
					try (Statement statement = context.connection().createStatement()) {
						statement.execute("ALTER TABLE notes DROP COLUMN colour");
					}
				}
			}
			""";

	private static final String PALETTE = """
			package com.example.palette;

			public final class Palette {
				public static String defaultColour() { return "amber"; }
			}
			""";

	private static final String NEEDS_A_COLLABORATOR = """
			package com.example.notes;

			import dev.migrator.core.api.JavaMigration;
			import dev.migrator.core.api.MigrationContext;

			public class NeedsACollaborator implements JavaMigration {
				public NeedsACollaborator(javax.sql.DataSource dataSource) { }
				public String version() { return "003"; }
				public String description() { return "needs a collaborator"; }
				public void up(MigrationContext context) { }
			}
			""";

	@TempDir
	Path directory;

	enum Layout {

		FOLDER, JAR, SPRING_BOOT_JAR

	}

	@ParameterizedTest
	@EnumSource(Layout.class)
	void javaMigrationsAndClasspathScriptsComeFromTheApplicationsCode(Layout layout) throws Exception {
		Path classpath = application(layout, ADD_COLOURS);
		CliRun cli = new CliRun(this.directory).env("MIGRATOR_URL", url());

		CliRun.Result migrate = cli.run("migrate", "--classpath", classpath.toString());
		JsonNode status = cli.run("status", "--json", "--classpath", classpath.toString()).json();
		CliRun.Result rollback = cli.run("rollback", "--to", "001", "--classpath", classpath.toString());
		List<String> afterRollback = columns("notes");
		CliRun.Result again = cli.run("migrate", "--classpath", classpath.toString());

		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(status.at("/overview/currentVersion").asString()).isEqualTo("002");
		assertThat(status.toString()).contains("add note colours");
		assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
		assertThat(afterRollback).containsExactly("id", "text");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(query("SELECT colour FROM notes")).containsExactly("amber");
	}

	@Test
	void withoutTheClasspathTheJavaMigrationIsMissingAndNothingIsApplied() throws Exception {
		Path classpath = application(Layout.SPRING_BOOT_JAR, ADD_COLOURS);
		CliRun cli = new CliRun(this.directory).env("MIGRATOR_URL", url());
		assertThat(cli.run("migrate", "--classpath", classpath.toString()).exitCode()).isZero();
		Path scripts = Files.createDirectories(this.directory.resolve("scripts"));
		Files.writeString(scripts.resolve("001_create_notes.sql"), NOTES);

		CliRun.Result withoutCode = cli.run("validate", "--locations", scripts.toString());
		CliRun.Result withCode = cli.run("validate", "--classpath", classpath.toString());

		assertThat(withoutCode.exitCode()).as(withoutCode.toString()).isNotZero();
		assertThat(withoutCode.output()).contains("002");
		assertThat(withCode.exitCode()).as(withCode.toString()).isZero();
	}

	@Test
	void aMigrationWithoutAConstructorWithoutArgumentsIsNamedAndNothingIsApplied() throws Exception {
		Path classpath = application(Layout.JAR, ADD_COLOURS, NEEDS_A_COLLABORATOR);
		CliRun cli = new CliRun(this.directory).env("MIGRATOR_URL", url());

		CliRun.Result migrate = cli.run("migrate", "--classpath", classpath.toString());

		assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(2);
		assertThat(migrate.stderr()).contains("com.example.notes.NeedsACollaborator", "app.jar",
				"no constructor without arguments");
		assertThat(query("SELECT name FROM sqlite_master")).isEmpty();
	}

	@Test
	void aClasspathEntryThatIsNotThereIsNamed() {
		CliRun cli = new CliRun(this.directory).env("MIGRATOR_URL", url());

		CliRun.Result status = cli.run("status", "--classpath", "target/clases");

		assertThat(status.exitCode()).isEqualTo(2);
		assertThat(status.stderr()).contains(this.directory.resolve("target/clases").toString(), "is not there");
	}

	/**
	 * The sample app's own Spring Boot jar: its scripts 001-005 and its Java migration 006, which
	 * gives each project a unique slug, run, roll back and run again from the command line.
	 */
	@Test
	void theSampleAppsDatabaseIsOperatedWithItsSpringBootJar() throws Exception {
		Path jar = Path.of(System.getProperty("sample.app.jar", "../sample-app/target/sample-app.jar")).toAbsolutePath();
		assumeTrue(Files.isRegularFile(jar), "the sample app's jar is not built (" + jar + "): mvn verify builds it"
				+ " before this module, or run mvn -pl sample-app -am package");
		CliRun cli = new CliRun(this.directory).env("MIGRATOR_URL", url());
		String classpath = jar.toString();

		CliRun.Result migrate = cli.run("migrate", "--classpath", classpath);
		JsonNode status = cli.run("status", "--json", "--classpath", classpath).json();
		CliRun.Result rollback = cli.run("rollback", "--to", "005", "--classpath", classpath);
		List<String> columnsAfterRollback = columns("projects");
		execute("INSERT INTO projects (name) VALUES ('Payments API'), ('payments api'), ('Écoles')");
		CliRun.Result again = cli.run("migrate", "--classpath", classpath, "-v");

		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(status.at("/overview/currentVersion").asString()).isEqualTo("006");
		assertThat(status.at("/overview/status").asString()).isEqualTo("up_to_date");
		assertThat(status.toString()).contains("add project slugs");
		assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
		assertThat(columnsAfterRollback).doesNotContain("slug");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(query("SELECT slug FROM projects ORDER BY id")).containsExactly("payments-api", "payments-api-2",
				"ecoles");
	}

	private String url() {
		return "jdbc:sqlite:" + this.directory.resolve("app.db");
	}

	/** Compiles the sources and lays the application out: classes with db/migration beside them. */
	private Path application(Layout layout, String... sources) throws IOException {
		Path build = Files.createDirectories(this.directory.resolve("build"));
		Path palette = compile(build.resolve("palette"), PALETTE);
		Path classes = compile(build.resolve("classes"), sources);
		Path scripts = Files.createDirectories(classes.resolve("db/migration"));
		Files.writeString(scripts.resolve("001_create_notes.sql"), NOTES);
		return switch (layout) {
			case FOLDER -> {
				copy(palette, classes, "");
				yield classes;
			}
			case JAR -> {
				copy(palette, classes, "");
				yield jar(this.directory.resolve("app.jar"), classes, "");
			}
			case SPRING_BOOT_JAR -> {
				Path library = jar(build.resolve("palette-1.0.jar"), palette, "");
				Path fat = jar(this.directory.resolve("app-boot.jar"), classes, "BOOT-INF/classes/");
				yield addEntry(fat, "BOOT-INF/lib/palette-1.0.jar", library);
			}
		};
	}

	private static Path compile(Path output, String... sources) throws IOException {
		Files.createDirectories(output);
		Path sourceFolder = Files.createTempDirectory("sources");
		List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-cp",
				System.getProperty("java.class.path") + java.io.File.pathSeparator + output.getParent().resolve("palette")));
		for (String source : sources) {
			String name = source.replaceAll("(?s).*?(?:class|interface) (\\w+).*", "$1");
			Path file = sourceFolder.resolve(name + ".java");
			Files.writeString(file, source);
			arguments.add(file.toString());
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();
		return output;
	}

	private static void copy(Path from, Path to, String prefix) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = to.resolve(prefix + from.relativize(file));
				Files.createDirectories(target.getParent());
				Files.copy(file, target);
			}
		}
	}

	/** A jar of the folder's files, each under {@code prefix}; a Spring Boot jar stores its libraries uncompressed. */
	private static Path jar(Path jar, Path folder, String prefix) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.walk(folder)) {
			// folders as entries too, as jar tools write them: classpath: locations are found by them
			for (Path file : files.filter((f) -> !f.equals(folder)).sorted().toList()) {
				String name = prefix + folder.relativize(file).toString().replace('\\', '/');
				out.putNextEntry(new JarEntry(Files.isDirectory(file) ? name + "/" : name));
				if (Files.isRegularFile(file)) {
					Files.copy(file, out);
				}
				out.closeEntry();
			}
		}
		return jar;
	}

	private static Path addEntry(Path jar, String name, Path content) throws IOException {
		Path copy = jar.resolveSibling(jar.getFileName() + ".tmp");
		try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile());
				JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
			for (JarEntry entry : java.util.Collections.list(in.entries())) {
				out.putNextEntry(new JarEntry(entry.getName()));
				in.getInputStream(entry).transferTo(out);
				out.closeEntry();
			}
			out.putNextEntry(new JarEntry(name));
			Files.copy(content, (OutputStream) out);
			out.closeEntry();
		}
		Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		return jar;
	}

	private List<String> columns(String table) throws SQLException {
		return query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
	}

	private List<String> query(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
