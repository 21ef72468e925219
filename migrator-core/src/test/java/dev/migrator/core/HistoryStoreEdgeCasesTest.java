package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigratorException;

/**
 * The history and its log as an operator may leave them: the log table dropped, a log entry's
 * version cleared, history rows deleted below a baseline. What a run reports and what it runs
 * again, on a real SQLite file.
 */
class HistoryStoreEdgeCasesTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
			.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
	}

	private List<String> history() throws Exception {
		return this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version");
	}

	/** Migrations 1 and 2 applied, 3 failed half-way outside a transaction. */
	private void failedThird() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("3_broken.sql", "-- migrator:no-transaction\nCREATE TABLE half (id INTEGER);\nINSERT INTO nowhere VALUES (1);");
		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class);
	}

	@Test
	void aLogEntryWithoutADurationReadsAsNoneAndOnesWithADurationKeepIt() throws Exception {
		this.fx.migrator().migrate();
		this.fx.execute("UPDATE schema_migrations_log SET execution_time_ms = NULL WHERE version = '1'");
		this.fx.execute("UPDATE schema_migrations_log SET execution_time_ms = 7 WHERE version = '2'");

		List<dev.migrator.core.api.LogRecord> log = this.fx.migrator().log(100);

		assertThat(log).filteredOn((entry) -> "1".equals(entry.version())).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.executionTimeMs()).as("no duration, not 0 ms").isNull());
		assertThat(log).filteredOn((entry) -> "2".equals(entry.version())).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.executionTimeMs()).isEqualTo(7L));
	}

	@Test
	void anUpToDateStartWithTheLogTableDroppedRunsNothingAgain() throws Exception {
		this.fx.migrator().migrate();
		this.fx.execute("DROP TABLE schema_migrations_log");

		assertThat(this.fx.migrator().migrate().isEmpty()).isTrue();

		assertThat(history()).containsExactly("1|applied", "2|applied");
		assertThat(this.fx.migrator().status().currentVersion()).hasToString("2");
	}

	@Test
	void aFailedMigrationIsStillReportedFailedWhenTheLogTableWasDropped() throws Exception {
		failedThird();
		this.fx.execute("DROP TABLE schema_migrations_log");

		var status = this.fx.migrator().status();

		assertThat(status.currentVersion()).hasToString("2");
		assertThat(status.migrations()).filteredOn((m) -> m.state() == MigrationState.FAILED)
			.extracting((m) -> m.version().toString()).containsExactly("3");
		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("Migration 3 (" + this.fx.migrations.resolve("3_broken.sql") + ") is partially applied")
			.hasMessageContaining("repair it");
		assertThat(history()).containsExactly("1|applied", "2|applied", "3|failed");
	}

	@Test
	void aFailedMigrationWhoseLogEntriesLostTheirVersionIsStillReportedFailed() throws Exception {
		failedThird();
		this.fx.execute("UPDATE schema_migrations_log SET version = NULL WHERE version = '3'");

		var status = this.fx.migrator().status();

		List<MigrationInfo> failed = status.migrations().stream().filter((m) -> m.state() == MigrationState.FAILED).toList();
		assertThat(failed).extracting((m) -> m.version().toString()).containsExactly("3");
		assertThat(status.currentVersion()).hasToString("2");
	}

	@Test
	void aLogEntryWhoseVersionWasClearedIsPassedOverAndTheNextMigrationRuns() throws Exception {
		this.fx.migrator().migrate();
		this.fx.execute("UPDATE schema_migrations_log SET version = NULL WHERE version = '1' AND action = 'migrate'");
		this.fx.write("3_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);");

		var run = this.fx.migrator().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("3");
		assertThat(history()).containsExactly("1|applied", "2|applied", "3|applied");
		assertThat(this.fx.tables()).contains("users", "tags", "notes");
	}

	@Test
	void versionsTheLogAppliedAtOrBelowABaselineAreNotReportedMissing() throws Exception {
		this.fx.migrator().migrate();
		// the history rows deleted by hand: the log still says 1 and 2 were applied
		this.fx.execute("DELETE FROM schema_migrations");
		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("its log schema_migrations_log records migrations [1, 2] as applied")
			.hasMessageContaining("run baseline(\"2\") to record that");
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations")).containsExactly("0");

		// as the refusal says: the schema is as migration 2 left it
		this.fx.migrator().baseline("2", "schema as found");
		this.fx.write("3_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
		var run = this.fx.migrator().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("3");
		assertThat(this.fx.query("SELECT version, type FROM schema_migrations ORDER BY version"))
			.containsExactly("2|baseline", "3|sql");
	}

	@Test
	void anUpToDateStartTrustingTheIndexWithTheLogTableDroppedRunsNothingAgain() throws Exception {
		this.fx.migrator().migrate();
		Path classes = Files.createDirectories(this.dir.resolve("classes"));
		MigrationIndex.write(this.fx.configure().configuration(), classes);
		this.fx.execute("DROP TABLE schema_migrations_log");

		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader())) {
			var run = this.fx.configure().classLoader(loader).load().migrate();

			assertThat(run.isEmpty()).isTrue();
			assertThat(run.currentVersion()).hasToString("2");
		}
		assertThat(history()).containsExactly("1|applied", "2|applied");
	}

	@Test
	void aVersionAboveTheBaselineWhoseRowWasDeletedIsReportedMissing() throws Exception {
		this.fx.migrator().baseline("1", "schema as found");
		this.fx.migrator().migrate();
		this.fx.execute("DELETE FROM schema_migrations WHERE version = '2'");
		this.fx.write("3_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Migration 2 (" + this.fx.migrations.resolve("2_tags.sql") + ") has no row in the history"
					+ " table schema_migrations, but its log schema_migrations_log records it as applied")
			.hasMessageContaining("Restore the database from a backup")
			.hasMessageNotContaining("Migration 1 ");

		assertThat(this.fx.dump()).as("nothing ran, 2 was not run twice").isEqualTo(before);
	}

}
