package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;

/**
 * The history and its log as they are found, not as Migrator wrote them: a description longer than
 * its column, a database never migrated, a row or a log entry whose version someone edited by hand.
 */
class HistoryEdgesSqliteTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	@BeforeEach
	void fixture() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
			.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
	}

	@Test
	void aDescriptionLongerThanItsColumnIsStoredCutAndTheNextStartIsStillUpToDate() throws Exception {
		String description = "seed the users table with the accounts of every team ".repeat(6).strip();
		this.fx.write("3_seed.sql", "-- " + description + "\nINSERT INTO users VALUES (1);\n");

		assertThat(this.fx.migrator().migrate().migrations()).hasSize(3);

		assertThat(description).hasSizeGreaterThan(200);
		assertThat(this.fx.query("SELECT description FROM schema_migrations WHERE version = '3'"))
			.containsExactly(description.substring(0, 200));
		assertThat(this.fx.query("SELECT description FROM schema_migrations_log WHERE version = '3' AND action = 'migrate'"))
			.containsExactly(description.substring(0, 200));
		assertThat(this.fx.migrator().migrate().isEmpty()).isTrue();
		assertThat(this.fx.migrator().validate().migrationsChecked()).isEqualTo(3);
	}

	@Test
	void theLogOfADatabaseNeverMigratedIsEmptyAndCreatesNoTable() throws Exception {
		this.fx.execute("CREATE TABLE app (id INTEGER)");

		assertThat(this.fx.migrator().log(10)).isEmpty();

		assertThat(this.fx.query("SELECT name FROM sqlite_master WHERE type = 'table'")).containsExactly("app");
	}

	@Test
	void aHistoryRowWhoseVersionWasEditedByHandIsNamedAndNothingRuns() throws Exception {
		this.fx.migrator().migrate("1");
		this.fx.execute("UPDATE schema_migrations SET version = 'one' WHERE version = '1'");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("one");

		assertThat(this.fx.query("SELECT name FROM sqlite_master WHERE name = 'tags'")).isEmpty();
	}

	@Test
	void aLogEntryWhoseVersionWasEditedByHandIsPassedOver() throws Exception {
		this.fx.migrator().migrate();
		this.fx.execute("UPDATE schema_migrations_log SET version = 'one' WHERE version = '1'");

		assertThat(this.fx.migrator().migrate().isEmpty()).isTrue();
		assertThat(this.fx.migrator().status().currentVersion()).hasToString("2");
	}

}
