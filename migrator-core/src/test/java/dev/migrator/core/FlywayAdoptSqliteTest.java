package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;

/**
 * A SQLite file built by the real Flyway library, taken over by Migrator: a baseline Flyway made is
 * imported as Migrator's baseline; a repeatable whose file is gone is not imported (nothing is left
 * to run again); Flyway's checksum of a file that starts with a byte-order mark matches; scripts on
 * the classpath are checked as files are; and nothing runs twice.
 */
class FlywayAdoptSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	private Path flywayFolder;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.flywayFolder = Files.createDirectories(this.dir.resolve("flyway"));
	}

	/** The same script in Flyway's folder and in Migrator's. */
	private void both(String name, String content) throws Exception {
		Files.writeString(this.flywayFolder.resolve(name), content, StandardCharsets.UTF_8);
		this.fx.write(name, content);
	}

	private Flyway flyway() {
		return Flyway.configure().dataSource(this.fx.url(), null, null).locations("filesystem:" + this.flywayFolder).load();
	}

	private List<String> history() throws Exception {
		return this.fx.query("SELECT version, type, status FROM schema_migrations ORDER BY version");
	}

	@Test
	void flywaysBaselineIsImportedAsMigratorsAndOnlyLaterVersionsRun() throws Exception {
		this.fx.execute("CREATE TABLE legacy (id INTEGER)");
		both("V2__users.sql", "CREATE TABLE users (id INTEGER);");
		Flyway.configure().dataSource(this.fx.url(), null, null).locations("filesystem:" + this.flywayFolder)
			.baselineOnMigrate(true).baselineVersion("1").load().migrate();
		this.fx.write("V3__tags.sql", "CREATE TABLE tags (name TEXT);");

		var run = this.fx.configure().adopt("flyway").load().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("3");
		assertThat(history()).containsExactly("1|baseline|applied", "2|sql|applied", "3|sql|applied");
		assertThat(this.fx.query("SELECT count(*) FROM flyway_schema_history")).as("Flyway's table is left as it is")
			.containsExactly("2");
	}

	@Test
	void aBaselineWhoseVersionAlsoHasAFileIsAdoptedAsAppliedNotRefusedAsChanged() throws Exception {
		// a project that baselined an existing database at 1 and keeps V1 for fresh installs: Flyway records the
		// baseline without a checksum, which must read as none, not as a checksum 0 that no file has
		this.fx.execute("CREATE TABLE users (id INTEGER)");
		Files.writeString(this.flywayFolder.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER);");
		Flyway.configure().dataSource(this.fx.url(), null, null).locations("filesystem:" + this.flywayFolder)
			.baselineOnMigrate(true).baselineVersion("1").load().migrate();
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);");
		this.fx.write("V2__tags.sql", "CREATE TABLE tags (name TEXT);");

		var run = this.fx.configure().adopt("flyway").load().migrate();

		// V1 is not run again (its table exists: it would fail), and is recorded with its file, as applied
		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(history()).containsExactly("1|sql|applied", "2|sql|applied");
	}

	@Test
	void aRepeatableWhoseFileIsGoneIsNotImportedAndTheRestIs() throws Exception {
		both("V1__users.sql", "CREATE TABLE users (id INTEGER);");
		both("R__names.sql", "DROP VIEW IF EXISTS names;\nCREATE VIEW names AS SELECT id FROM users;");
		flyway().migrate();
		Files.delete(this.fx.migrations.resolve("R__names.sql"));

		var run = this.fx.configure().adopt("flyway").load().migrate();

		assertThat(run.migrations()).isEmpty();
		assertThat(history()).containsExactly("1|sql|applied");
		assertThat(this.fx.tables()).contains("users");
	}

	@Test
	void aScriptWithAByteOrderMarkMatchesFlywaysChecksumAndAChangedOneIsRefused() throws Exception {
		both("V1__users.sql", "\uFEFFCREATE TABLE users (id INTEGER);\n");
		both("V2__tags.sql", "CREATE TABLE tags (name TEXT);\n");
		flyway().migrate();
		this.fx.write("V2__tags.sql", "CREATE TABLE tags (name TEXT, colour TEXT);\n");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("flyway").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("V2__tags.sql has changed since Flyway applied it as version 2")
			.hasMessageNotContaining("V1__users.sql");
		assertThat(this.fx.dump()).as("nothing was changed").isEqualTo(before);

		this.fx.write("V2__tags.sql", "CREATE TABLE tags (name TEXT);\n");
		assertThat(this.fx.configure().adopt("flyway").load().migrate().migrations()).isEmpty();
		assertThat(history()).containsExactly("1|sql|applied", "2|sql|applied");
	}

	@Test
	void scriptsOnTheClasspathAreCheckedAgainstFlywaysChecksums() throws Exception {
		both("V1__users.sql", "CREATE TABLE users (id INTEGER);\n");
		flyway().migrate();
		Path classes = this.dir.resolve("classes");
		Files.createDirectories(classes.resolve("db/fly"));
		Files.writeString(classes.resolve("db/fly/V1__users.sql"), "CREATE TABLE users (id INTEGER);\n");
		Files.writeString(classes.resolve("db/fly/V2__tags.sql"), "CREATE TABLE tags (name TEXT);\n");

		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, null)) {
			var run = Migrator.configure().url(this.fx.url()).classLoader(loader).locations("classpath:db/fly")
				.adopt("flyway").load().migrate();
			assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("2");
		}
		assertThat(history()).containsExactly("1|sql|applied", "2|sql|applied");
	}

	@Test
	void aVersionFlywayUndidIsNotImportedAndRunsAgain() throws Exception {
		both("V1__users.sql", "CREATE TABLE users (id INTEGER);\n");
		both("V2__tags.sql", "CREATE TABLE tags (name TEXT);\n");
		flyway().migrate();
		// what Flyway Teams' undo of version 2 leaves: the table dropped, an UNDO_SQL row after its SQL row
		this.fx.execute("DROP TABLE tags");
		this.fx.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
				+ " installed_by, installed_on, execution_time, success) VALUES (3, '2', 'tags', 'UNDO_SQL', 'U2__tags.sql',"
				+ " 12345, 'ops', '2024-01-01 10:00:00', 5, 1)");

		var run = this.fx.configure().adopt("flyway").load().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(history()).containsExactly("1|sql|applied", "2|sql|applied");
		assertThat(this.fx.tables()).contains("tags");
	}

}
