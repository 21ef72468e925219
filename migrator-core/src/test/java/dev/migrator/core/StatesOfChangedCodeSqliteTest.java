package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.ValidationException;

/**
 * What info and validate say when the code changed under an applied history: a migration rolled
 * back whose file is then removed is simply rolled back (nothing to do); an applied repeatable
 * whose file is gone is missing, with a warning; a version applied as SQL that is now Java is a
 * problem that stops migrate before anything runs.
 */
class StatesOfChangedCodeSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY);");
	}

	private MigrationInfo info(String version) {
		return this.fx.migrator().info().migrations().stream()
			.filter((m) -> m.version().toString().equals(version))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aRolledBackMigrationWhoseFileIsRemovedStaysRolledBackAndBlocksNothing() throws Exception {
		this.fx.write("2_tags.sql", "-- migrate:up\nCREATE TABLE tags (name TEXT);\n-- migrate:down\nDROP TABLE tags;\n");
		this.fx.migrator().migrate();
		this.fx.migrator().rollback(1);
		Files.delete(this.fx.migrations.resolve("2_tags.sql"));

		assertThat(info("2").state()).isEqualTo(MigrationState.ROLLED_BACK);
		assertThat(this.fx.migrator().info().problems()).isEmpty();
		assertThat(this.fx.migrator().migrate().migrations()).isEmpty();
		assertThat(this.fx.tables()).doesNotContain("tags");
	}

	@Test
	void anAppliedRepeatableWhoseFileIsGoneIsMissingWithAWarning() throws Exception {
		// a repeatable is Flyway's convention: the whole folder is in it
		Files.delete(this.fx.migrations.resolve("1_people.sql"));
		this.fx.write("V1__people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY);");
		this.fx.write("R__ids.sql", "DROP VIEW IF EXISTS ids;\nCREATE VIEW ids AS SELECT id FROM people;");
		this.fx.migrator().migrate();
		Files.delete(this.fx.migrations.resolve("R__ids.sql"));

		var info = this.fx.migrator().info();

		assertThat(info.migrations()).filteredOn((m) -> m.script().endsWith("R__ids.sql"))
			.singleElement()
			.extracting(MigrationInfo::state)
			.isEqualTo(MigrationState.MISSING);
		assertThat(info.warnings()).anySatisfy((w) -> assertThat(w).startsWith("Applied repeatable migration ")
			.contains("R__ids.sql is no longer in the code"));
		assertThat(this.fx.tables()).as("a warning, not an undo").contains("people");
	}

	public static class Tags implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "tags";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("CREATE TABLE tags (name TEXT)");
			}
		}

	}

	@Test
	void aVersionAppliedAsSqlThatIsNowJavaStopsMigrateBeforeAnythingRuns() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (name TEXT);");
		this.fx.migrator().migrate();
		Files.delete(this.fx.migrations.resolve("2_tags.sql"));
		this.fx.write("3_more.sql", "CREATE TABLE more (id INTEGER);");

		assertThatThrownBy(() -> this.fx.configure().javaMigrations(new Tags()).load().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Migration 2 was applied as SQL (")
			.hasMessageContaining("2_tags.sql) but is now JAVA (" + Tags.class.getName() + ")");
		assertThat(this.fx.tables()).doesNotContain("more");
	}

	@Test
	void infoListsAPendingScriptThatDoesNotSplitAndValidateSaysWhere() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("2_bad.sql", "INSERT INTO people (id) VALUES (1);\nINSERT INTO people (id) VALUES ('never closed);\n");

		assertThat(info("2").state()).isEqualTo(MigrationState.PENDING);
		assertThatThrownBy(() -> this.fx.migrator().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_bad.sql:2");
		assertThat(this.fx.query("SELECT count(*) FROM people")).containsExactly("0");
	}

	@Test
	void rollingBackAMigrationWhoseFileIsGoneIsRefusedNamingItsRecordedScript() throws Exception {
		this.fx.write("2_tags.sql", "-- migrate:up\nCREATE TABLE tags (name TEXT);\n-- migrate:down\nDROP TABLE tags;\n");
		this.fx.migrator().migrate();
		Files.delete(this.fx.migrations.resolve("2_tags.sql"));
		var before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(dev.migrator.core.api.MigratorException.class)
			.hasMessageContaining("2_tags.sql");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aChangedRepeatableThatFailsKeepsTheRowOfItsLastGoodRunAndRunsAgainOnceFixed() throws Exception {
		Files.delete(this.fx.migrations.resolve("1_people.sql"));
		this.fx.write("V1__people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY);");
		this.fx.write("R__ids.sql", "DROP VIEW IF EXISTS ids;\nCREATE VIEW ids AS SELECT id FROM people;");
		this.fx.migrator().migrate();
		var row = this.fx.query("SELECT version, status, checksum FROM schema_migrations WHERE script LIKE '%R__ids.sql'");

		this.fx.write("R__ids.sql", "DROP VIEW IF EXISTS ids;\nCREATE VIEW ids AS SELECT id FROM people;\n"
				+ "INSERT INTO no_such_table VALUES (1);");
		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(dev.migrator.core.api.MigrationFailedException.class)
			.hasMessageContaining("no such table: no_such_table");

		assertThat(this.fx.query("SELECT version, status, checksum FROM schema_migrations WHERE script LIKE '%R__ids.sql'"))
			.as("the row of its last good run, not a failed one").isEqualTo(row);
		this.fx.write("R__ids.sql", "DROP VIEW IF EXISTS ids;\nCREATE VIEW ids AS SELECT id AS person FROM people;");
		assertThat(this.fx.migrator().migrate().migrations()).hasSize(1);
	}

	@Test
	void repairRealignsARenamedScriptWithoutRunningItAgain() throws Exception {
		this.fx.migrator().migrate();
		Files.move(this.fx.migrations.resolve("1_people.sql"), this.fx.migrations.resolve("1_persons.sql"));

		var repaired = this.fx.migrator().repair();

		assertThat(repaired.realigned()).extracting(Object::toString).containsExactly("1");
		assertThat(this.fx.query("SELECT description, script FROM schema_migrations WHERE version = '1'")).singleElement()
			.asString()
			.startsWith("persons|")
			.endsWith("1_persons.sql");
		assertThat(this.fx.migrator().migrate().migrations()).as("realigned, not run again").isEmpty();
		assertThat(this.fx.migrator().repair().realigned()).as("nothing left to realign").isEmpty();
	}

}
