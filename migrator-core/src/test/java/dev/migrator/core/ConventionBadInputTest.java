package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.ValidationException;

/**
 * Other tools' files that Migrator cannot read as they are: each refused at validation with the file,
 * the line where it applies and what to write instead, and the database left as it was.
 */
class ConventionBadInputTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	List<String> before;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		try (Connection connection = this.fx.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY)");
			statement.execute("INSERT INTO kept VALUES (1)");
		}
		this.before = this.fx.dump();
	}

	private ValidationException refused() throws Exception {
		ValidationException[] thrown = new ValidationException[1];
		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOfSatisfying(ValidationException.class,
				(ex) -> thrown[0] = ex);
		assertThat(this.fx.dump()).as("the database is left as it was").isEqualTo(this.before);
		return thrown[0];
	}

	@Test
	void theDashboardsOneFileStyleIsRefusedAtItsDownLineNamingTheMarkerToUse() throws Exception {
		this.fx.write("12_add_experiments_table.sql", """
				-- Migration: v12_add_experiments_table
				-- Description: Add table for A/B experiment tracking
				-- Date: 2025-11-20

				-- UP Migration
				CREATE TABLE experiments (
				    id INTEGER PRIMARY KEY AUTOINCREMENT,
				    name TEXT NOT NULL
				);

				CREATE INDEX idx_experiments_status ON experiments(name);

				-- DOWN Migration (Rollback)
				DROP INDEX IF EXISTS idx_experiments_status;
				DROP TABLE IF EXISTS experiments;
				""");

		assertThat(refused().problems()).singleElement().asString()
			.contains("12_add_experiments_table.sql:13: '-- DOWN Migration (Rollback)' looks like the start of a down script")
			.contains("write -- migrate:down on that line");
	}

	@Test
	void otherDownLookalikesAreRefusedAndOrdinaryCommentsAreNot() throws Exception {
		this.fx.write("1_a.sql", "CREATE TABLE a (id INTEGER);\n-- Rollback\nDROP TABLE a;\n")
			.write("2_b.sql", "CREATE TABLE b (id INTEGER);\n-- undo:\nDROP TABLE b;\n")
			.write("3_c.sql", "-- rollback the index if this is slow\nCREATE TABLE c (id INTEGER); -- down the line\n");

		assertThat(refused().problems()).containsExactlyInAnyOrder(
				this.fx.migrations.resolve("1_a.sql") + ":2: '-- Rollback' looks like the start of a down script, but"
						+ " Migrator reads it as a comment, so the SQL after it would run as part of the up; write"
						+ " -- migrate:down on that line (or move the down SQL into <version>_<description>.down.sql)",
				this.fx.migrations.resolve("2_b.sql") + ":2: '-- undo:' looks like the start of a down script, but"
						+ " Migrator reads it as a comment, so the SQL after it would run as part of the up; write"
						+ " -- migrate:down on that line (or move the down SQL into <version>_<description>.down.sql)");
	}

	@Test
	void aGooseFileWithARollbackCommentInsteadOfItsDownMarkerNamesGoosesMarker() throws Exception {
		this.fx.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id INTEGER);\n\n-- rollback\nDROP TABLE users;\n");

		assertThat(refused().problems()).singleElement().asString()
			.contains("00001_users.sql:4: '-- rollback' looks like the start of a down script")
			.contains("write -- +goose Down on that line");
	}

	@Test
	void twoConventionsInOneLocationAreRefusedNamingAFileOfEach() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);")
			.write("2_tags.up.sql", "CREATE TABLE tags (id INTEGER);")
			.write("2_tags.down.sql", "DROP TABLE tags;");

		assertThat(refused().problems()).anySatisfy((problem) -> assertThat(problem).contains("mixes two conventions")
			.contains("2_tags.up.sql is named as golang-migrate names migrations")
			.contains("V1__users.sql as Flyway does")
			.contains("a location holds one convention"));
	}

	@Test
	void aGooseFileAmongMigratorFilesIsAMixToo() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);")
			.write("2_tags.sql", "-- +goose Up\nCREATE TABLE tags (id INTEGER);\n-- +goose Down\nDROP TABLE tags;\n");

		assertThat(refused().problems()).singleElement().asString()
			.contains("1_users.sql is named as migrator names migrations")
			.contains("2_tags.sql as goose does");
	}

	@Test
	void misnamedFilesGetTheConventionRecognisedAndTheExactName() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);")
			.write("V2_tags.sql", "CREATE TABLE tags (id INTEGER);")
			.write("v3__notes.sql", "CREATE TABLE notes (id INTEGER);")
			.write("4_labels.sql.txt", "x")
			.write("5-more.sql", "CREATE TABLE more (id INTEGER);");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p).endsWith(
				"V2_tags.sql: the name does not match Flyway's V<version>__<description>.sql (U<version>__<description>.sql"
						+ " for the down); rename the file to V2__tags.sql"))
			.anySatisfy((p) -> assertThat(p).endsWith("v3__notes.sql: the name does not match Flyway's"
					+ " V<version>__<description>.sql (U<version>__<description>.sql for the down); rename the file to V3__notes.sql"))
			.anySatisfy((p) -> assertThat(p).endsWith("5-more.sql: the name does not match Flyway's"
					+ " V<version>__<description>.sql (U<version>__<description>.sql for the down), which this location uses;"
					+ " rename the file to V5__more.sql"));
	}

	@Test
	void golangMigrateAndDieselNamesGetTheirExactNames() throws Exception {
		this.fx.write("1_users.up.sql", "CREATE TABLE users (id INTEGER);")
			.write("2-tags.UP.sql", "CREATE TABLE tags (id INTEGER);")
			.write("up.sql", "CREATE TABLE x (id INTEGER);");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p).endsWith(
				"2-tags.UP.sql: the name does not match golang-migrate's <version>_<name>.up.sql + <version>_<name>.down.sql;"
						+ " rename the file to 2_tags.up.sql"))
			.anySatisfy((p) -> assertThat(p).contains("up.sql: the name does not match diesel's naming")
				.contains("<timestamp>_<name>"));
	}

	@Test
	void aFlywayCallbackSaysWhatToUseInstead() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);")
			.write("beforeMigrate.sql", "SELECT 1;")
			.write("afterEachMigrate__log.sql", "SELECT 1;")
			.write("beforeRepeatables.sql", "SELECT 1;")
			.write("afterVersioned.sql", "SELECT 1;")
			.write("createSchema.sql", "SELECT 1;")
			.write("R__views.sql", "CREATE VIEW v AS SELECT 1;");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p).contains("beforeMigrate.sql: is a Flyway callback")
			.contains("MigrationListener"))
			.anySatisfy((p) -> assertThat(p).contains("afterEachMigrate__log.sql: is a Flyway callback"))
			.anySatisfy((p) -> assertThat(p).contains("beforeRepeatables.sql: is a Flyway callback"))
			.anySatisfy((p) -> assertThat(p).contains("afterVersioned.sql: is a Flyway callback"))
			.anySatisfy((p) -> assertThat(p).contains("createSchema.sql: is a Flyway callback"))
			.noneSatisfy((p) -> assertThat(p).contains("R__views.sql"));
	}

	@Test
	void aRepeatableWithoutADescriptionOrWithAVersionIsNamedWithTheNameToUse() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);")
			.write("R__.sql", "CREATE VIEW v AS SELECT 1;")
			.write("R1__views.sql", "CREATE VIEW w AS SELECT 1;")
			.write("R_totals.sql", "CREATE VIEW t AS SELECT 1;");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p).endsWith("R__.sql: a Flyway repeatable migration"
				+ " needs a description after R__; rename the file to R__<description>.sql, e.g. R__views.sql"))
			.anySatisfy((p) -> assertThat(p).endsWith("R1__views.sql: the name does not match Flyway's R__<description>.sql:"
					+ " a repeatable migration has no version; rename the file to R__views.sql, or to V1__views.sql for a"
					+ " versioned migration"))
			.anySatisfy((p) -> assertThat(p).endsWith("R_totals.sql: the name does not match Flyway's"
					+ " R__<description>.sql (two underscores); rename the file to R__totals.sql"));
	}

	@Test
	void aRepeatableWithADownSectionOrADuplicateDescriptionIsRefused() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);")
			.write("R__views.sql", "CREATE VIEW v AS SELECT 1;\n-- migrate:down\nDROP VIEW v;\n")
			.write("sub/R__views.sql", "CREATE VIEW w AS SELECT 1;");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p).contains("R__views.sql: a repeatable migration"
				+ " has no down").contains("remove the -- migrate:down section"))
			.anySatisfy((p) -> assertThat(p).startsWith("Two repeatable migrations have the description 'views'"));
	}

	@Test
	void aRepeatableInALocationOfMigratorsOwnConventionIsAMix() throws Exception {
		this.fx.write("001_users.sql", "CREATE TABLE users (id INTEGER);")
			.write("R__views.sql", "CREATE VIEW v AS SELECT 1;");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p).contains("mixes two conventions")
			.contains("001_users.sql").contains("R__views.sql"));
	}

	@Test
	void aFlywayDownOfAnotherDescriptionOrWithoutItsUpIsNamed() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);")
			.write("U1__people.sql", "DROP TABLE users;")
			.write("U2__gone.sql", "DROP TABLE gone;");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p)
			.endsWith("U1__people.sql: does not match its up migration " + this.fx.migrations.resolve("V1__users.sql")
					+ "; name it U1__users.sql"))
			.anySatisfy((p) -> assertThat(p).endsWith("U2__gone.sql: there is no up migration V2__gone.sql beside it;"
					+ " add the up file or fix the name"));
	}

	@Test
	void aFlywayPlaceholderWithoutAValueIsNamedWithItsLineAndSetting() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE users (id INTEGER);\nCREATE TABLE ${prefix}_audit (id INTEGER);\n");

		assertThat(refused().problems()).singleElement().asString()
			.endsWith("V1__users.sql:2: placeholder ${prefix} has no value; set migrator.placeholders.prefix"
					+ " (Builder.placeholders(...))");
	}

	@Test
	void flywayPlaceholdersAreReplacedAndTheChecksumIsOfTheFileAsWritten() throws Exception {
		this.fx.write("V1__users.sql", "CREATE TABLE ${prefix}_users (id INTEGER);\n"
				+ "CREATE TABLE ${flyway:defaultSchema}.${flyway:table}_copy (file TEXT DEFAULT '${flyway:filename}');\n");

		this.fx.configure().placeholders(Map.of("prefix", "app")).load().migrate();
		String checksum = this.fx.migrator().info().applied().get(0).checksum();

		assertThat(this.fx.tables()).contains("app_users", "schema_migrations_copy");
		assertThat(this.fx.query("SELECT dflt_value FROM pragma_table_info('schema_migrations_copy')"))
			.containsExactly("'V1__users.sql'");
		assertThat(this.fx.configure().placeholders(Map.of("prefix", "other")).load().validate().migrationsChecked())
			.as("another value is not drift: the checksum is of the file as written").isEqualTo(1);
		assertThat(checksum).isNotNull();
	}

	@Test
	void liquibaseXmlChangelogsAndWhatHasNoEquivalentAreRefused() throws Exception {
		this.fx.write("db.changelog-master.xml", "<databaseChangeLog/>")
			.write("changelog.sql", """
					--liquibase formatted sql

					--changeset ada:1 runOnChange:true
					CREATE TABLE a (id INTEGER);
					--changeset ada:2
					--preconditions onFail:MARK_RAN
					CREATE TABLE b (id INTEGER);
					""");

		assertThat(refused().problems()).anySatisfy((p) -> assertThat(p)
			.contains("db.changelog-master.xml: is a Liquibase XML, YAML or JSON changelog, which Migrator does not read"))
			.anySatisfy((p) -> assertThat(p).contains("changelog.sql:3: runOnChange:true has no equivalent"))
			.anySatisfy((p) -> assertThat(p).contains("changelog.sql:6: Liquibase preconditions are not read"));
	}

	@Test
	void anUnknownGooseAnnotationIsNamed() throws Exception {
		this.fx.write("00001_users.sql", "-- +goose Up\n-- +goose ENVSUB ON\nCREATE TABLE users (id INTEGER);\n");

		assertThat(refused().problems()).singleElement().asString()
			.contains("00001_users.sql:2: '-- +goose ENVSUB ON' is not a goose annotation Migrator reads");
	}

}
