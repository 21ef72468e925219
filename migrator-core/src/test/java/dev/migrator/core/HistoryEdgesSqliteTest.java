package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;

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


	@Test
	void aHistoryRowWhoseVersionWasEditedByHandIsNamedByADryRunAndNothingChanges() throws Exception {
		this.fx.migrator().migrate("1");
		this.fx.execute("UPDATE schema_migrations SET version = 'one' WHERE version = '1'");
		var before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate(RunOptions.dryRunOnly())).isInstanceOf(MigratorException.class)
			.hasMessage("The history table schema_migrations has a row with version 'one', which is not a version; correct or"
					+ " delete that row");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aFailedMigrationKeepsItsLastAttemptWhenAnotherLogEntryWasEditedByHand() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("3_broken.sql", "-- migrator:no-transaction\nCREATE TABLE half (id INTEGER);\nINSERT INTO nowhere VALUES (1);");
		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(dev.migrator.core.api.MigrationFailedException.class);
		this.fx.execute("UPDATE schema_migrations_log SET version = 'one' WHERE version = '1'");

		var status = this.fx.migrator().status();

		assertThat(status.currentVersion()).hasToString("2");
		var failed = status.migrations().stream().filter((m) -> m.state() == MigrationState.FAILED).toList();
		assertThat(failed).extracting((m) -> m.version().toString()).containsExactly("3");
		assertThat(failed.get(0).failure()).as("what its last attempt left, from the log").isNotBlank();
	}
}
