package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/** Dry runs on PostgreSQL: the real database, in one transaction that is rolled back. */
class PostgresDryRunTest {

	@TempDir
	Path dir;

	PostgresFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100));\nINSERT INTO tasks VALUES (1, 'one');\n-- migrate:down\nDROP TABLE tasks;")
			.write("2_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN NOT NULL DEFAULT FALSE;\n-- migrate:down\nALTER TABLE tasks DROP COLUMN done;\n-- migrate:verify\nSELECT count(*) = 1 FROM tasks WHERE NOT done;");
	}

	@Test
	void aDryRunOnAFreshDatabaseReportsAndLeavesNoTrace() throws Exception {
		RunResult result = this.fx.migrator().migrate(RunOptions.dryRunOnly());

		assertThat(result.dryRun()).isTrue();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("1", "2");
		assertThat(result.currentVersion()).hasToString("2");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void aDryRunLeavesSchemaDataAndHistoryAsTheyWere() throws Exception {
		this.fx.migrator().migrate("1");
		this.fx.execute("UPDATE tasks SET title = 'edited'");
		List<String> before = this.fx.dump();
		this.fx.write("3_fails.sql", "UPDATE tasks SET title = 'changed';\nINSERT INTO nowhere VALUES (1);");

		RunResult result = this.fx.migrator().migrate(RunOptions.dryRunOnly());

		assertThat(result.succeeded()).isFalse();
		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("2");
		assertThat(result.failure().version()).hasToString("3");
		assertThat(result.failure().line()).isEqualTo(2);
		assertThat(result.failure().message()).contains("nowhere");
		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.migrator().info().pending()).hasSize(2);
	}

	@Test
	void aDryRunRollbackReportsWhatItWouldDropAndChangesNothing() throws Exception {
		this.fx.write("3_gone.sql", "CREATE TABLE gone (id INTEGER);\n-- migrate:down\nDROP TABLE IF EXISTS gone;");
		this.fx.migrator().migrate();
		this.fx.execute("DROP TABLE gone");
		List<String> before = this.fx.dump();

		RunResult result = this.fx.migrator().rollbackTo("0", RunOptions.dryRunOnly().withAllowDataLoss(true));

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("3", "2", "1");
		assertThat(result.dataLoss().get(0).effects()).contains("drops table gone (not there now)");
		assertThat(result.currentVersion().isEmpty()).isTrue();
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aPendingNoTransactionMigrationIsRefusedUpFrontWithTheReason() throws Exception {
		this.fx.write("3_index.sql", "-- migrator:no-transaction\nCREATE INDEX CONCURRENTLY tasks_title ON tasks (title);");

		assertThatThrownBy(() -> this.fx.migrator().migrate(RunOptions.dryRunOnly()))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("runs in one transaction that is rolled back")
			.hasMessageContaining("3_index.sql is marked -- migrator:no-transaction")
			.hasMessageContaining("nothing was run");
		assertThat(this.fx.tables()).isEmpty();

		RunResult upToTwo = this.fx.migrator().migrate("2", RunOptions.dryRunOnly());
		assertThat(upToTwo.migrations()).hasSize(2);
	}

	@Test
	void aNoTransactionDownIsRefusedUpFrontToo() throws Exception {
		this.fx.write("3_index.sql", "CREATE INDEX tasks_title ON tasks (title);\n-- migrate:down\n-- migrator:no-transaction\nDROP INDEX CONCURRENTLY tasks_title;");
		this.fx.migrator().migrate();

		assertThatThrownBy(() -> this.fx.migrator().rollback(1, RunOptions.dryRunOnly()))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("3_index.sql (down) is marked -- migrator:no-transaction");
	}

}
