package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidationException;

/** Migrate on every engine: order, targets, failures, verify queries, transaction modes, history. */
abstract class MigrateScenarios {

	@TempDir
	Path dir;

	/** The log's success flag as 1 or 0 on every engine (SQLite stores 1/0, PostgreSQL true/false). */
	static final String SUCCESS = "CASE WHEN success THEN 1 ELSE 0 END";

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("001_create_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL);")
			.write("002_add_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN NOT NULL DEFAULT FALSE;")
			.write("2.10_seed.sql", "INSERT INTO tasks (id, title) VALUES (1, 'one; with semicolon');\nINSERT INTO tasks (id, title) VALUES (2, 'two');");
	}

	@Test
	void freshDatabaseGetsEveryMigrationInVersionOrder() throws Exception {
		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("001", "002", "2.10");
		assertThat(result.previousVersion().isEmpty()).isTrue();
		assertThat(result.currentVersion()).hasToString("2.10");
		assertThat(result.migrations()).extracting(MigrationRun::description)
			.containsExactly("create tasks", "add done", "seed");
		assertThat(this.fx.query("SELECT title, CASE WHEN done THEN 1 ELSE 0 END FROM tasks ORDER BY id"))
			.containsExactly("one; with semicolon|0", "two|0");
		assertThat(this.fx.query("SELECT version, status, type, script FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied|sql|" + this.fx.migrations.resolve("001_create_tasks.sql"),
					"002|applied|sql|" + this.fx.migrations.resolve("002_add_done.sql"),
					"2.10|applied|sql|" + this.fx.migrations.resolve("2.10_seed.sql"));
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE length(checksum) = 64 AND applied_by IS NOT NULL AND execution_time_ms >= 0"))
			.containsExactly("3");
		assertThat(this.fx.query("SELECT version, action, " + SUCCESS + " FROM schema_migrations_log ORDER BY id"))
			.containsExactly("001|migrate|1", "002|migrate|1", "2.10|migrate|1");
	}

	@Test
	void secondRunFindsNothingToDo() throws Exception {
		this.fx.migrator().migrate();
		java.util.List<String> before = this.fx.dump();

		RunResult again = this.fx.migrator().migrate();

		assertThat(again.isEmpty()).isTrue();
		assertThat(again.previousVersion()).isEqualTo(again.currentVersion());
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void newFileIsTheOnlyOneApplied() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("3_add_notes.sql", "ALTER TABLE tasks ADD COLUMN notes TEXT;");

		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("3");
		assertThat(result.previousVersion()).hasToString("2.10");
		assertThat(this.fx.columns("tasks")).contains("notes");
	}

	@Test
	void migrateToTargetStopsThere() throws Exception {
		RunResult result = this.fx.migrator().migrate("002");

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("001", "002");
		assertThat(this.fx.migrator().info().pending()).extracting((m) -> m.version().toString()).containsExactly("2.10");
	}

	@Test
	void targetThatIsNoMigrationIsRefused() throws Exception {
		assertThatThrownBy(() -> this.fx.migrator().migrate("7"))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Target version 7 is not a migration in the code");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void targetBelowCurrentPointsToRollback() throws Exception {
		this.fx.migrator().migrate();
		assertThatThrownBy(() -> this.fx.migrator().migrate("1"))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("use rollbackTo(1)");
	}

	@Test
	void failingMigrationInTheMiddleKeepsEarlierOnesAndRollsItselfBackWhole() throws Exception {
		assumeTrue(this.fx.transactionalDdl(), "DDL commits on its own on " + this.fx.engine());
		this.fx.write("002_add_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN;\nCREATE TABLE extra (id INTEGER);\n\nINSERT INTO no_such_table VALUES (1);");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.version()).hasToString("002");
				assertThat(ex.line()).isEqualTo(4);
				assertThat(ex.script()).endsWith("002_add_done.sql");
			})
			.hasMessageContaining("002_add_done.sql:4: ")
			.hasMessageContaining("no_such_table")
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("001")
			.hasMessageContaining("nothing to repair")
			.hasMessageNotContaining("repair()");

		assertThat(this.fx.tables()).containsExactly("schema_migrations", "schema_migrations_log", "tasks");
		assertThat(this.fx.columns("tasks")).doesNotContain("done");
		// nothing of it stayed, so no failed row blocks the next run; the log keeps the failure
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied");
		assertThat(this.fx.query("SELECT version, action, " + SUCCESS + ", CASE WHEN error LIKE '%no_such_table%' THEN 1 ELSE 0 END FROM schema_migrations_log ORDER BY id"))
			.containsExactly("001|migrate|1|0", "002|migrate|0|1");
	}

	@Test
	void cleanFailureIsRetriedOnceTheFileIsFixedWithNoRepair() throws Exception {
		this.fx.migrator().migrate("002");
		List<String> before = withoutLog(this.fx.dump());
		// the second statement mistyped; the first is DML, so nothing commits on its own on any engine
		this.fx.write("2.10_seed.sql", "INSERT INTO tasks (id, title) VALUES (1, 'one');\nINSRT INTO tasks (id, title) VALUES (2, 'two');");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.recorded()).isFalse();
				assertThat(ex.reason()).isEqualTo(MigratorException.Reason.FAILED_NOTHING_LEFT);
				assertThat(ex.line()).isEqualTo(2);
			})
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("nothing to repair")
			.hasMessageNotContaining("repair()");
		assertThat(withoutLog(this.fx.dump())).as("the failed run left the database as it was").isEqualTo(before);
		assertThat(this.fx.migrator().info().pending()).extracting((m) -> m.version().toString()).containsExactly("2.10");
		this.fx.migrator().validate();

		this.fx.write("2.10_seed.sql", "INSERT INTO tasks (id, title) VALUES (1, 'one');\nINSERT INTO tasks (id, title) VALUES (2, 'two');");
		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("2.10");
		assertThat(this.fx.query("SELECT title FROM tasks ORDER BY id")).containsExactly("one", "two");
		// the log keeps the failed attempt, with its error, for statistics and status
		assertThat(this.fx.query("SELECT action, " + SUCCESS + ", CASE WHEN error LIKE '%INSRT%' THEN 1 ELSE 0 END"
				+ " FROM schema_migrations_log WHERE version = '2.10' AND action = 'migrate' ORDER BY id"))
			.containsExactly("migrate|0|1", "migrate|1|0");
	}

	/** A dump without the log's rows, which every run appends to. */
	static List<String> withoutLog(List<String> dump) {
		return dump.stream().filter((line) -> !line.startsWith("schema_migrations_log: ")).toList();
	}

	@Test
	void falseVerifyQueryRollsTheMigrationBack() throws Exception {
		assumeTrue(this.fx.transactionalDdl(), "DDL commits on its own on " + this.fx.engine());
		this.fx.write("003_archive.sql", """
				CREATE TABLE archive (id INTEGER PRIMARY KEY);
				-- migrate:verify
				SELECT count(*) = 1 FROM archive;
				""");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("003_archive.sql:3: verify query returned ");

		assertThat(this.fx.tables()).doesNotContain("archive");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '003'")).isEmpty();
		assertThat(this.fx.migrator().info().pending()).extracting((m) -> m.version().toString()).contains("003");
	}

	@Test
	void trueVerifyQueriesFromASiblingFileLetTheMigrationCommit() throws Exception {
		this.fx.write("003_archive.sql", "CREATE TABLE archive (id INTEGER PRIMARY KEY);\nINSERT INTO archive VALUES (1);")
			.write("003_archive.verify.sql", "SELECT count(*) FROM archive;\nSELECT 'true';\nSELECT 1 = 1;");

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT count(*) FROM archive")).containsExactly("1");
	}

	@Test
	void verifyStatementThatIsNoQueryFails() throws Exception {
		this.fx.write("003_archive.sql", "CREATE TABLE archive (id INTEGER);\n-- migrate:verify\nDELETE FROM archive;");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("003_archive.sql:3: a verify statement must be a query");
	}

	@Test
	void transactionModeAllCommitsAllOrNothing() throws Exception {
		assumeTrue(this.fx.transactionalDdl(), "DDL commits on its own on " + this.fx.engine());
		this.fx.write("3_broken.sql", "CREATE TABLE fine (id INTEGER);\nSELEC 1;");

		assertThatThrownBy(() -> this.fx.configure().transactionMode(TransactionMode.ALL).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("3_broken.sql:2: ")
			.hasMessageContaining("All 4 migrations of this run were rolled back");

		assertThat(this.fx.tables()).containsExactly("schema_migrations", "schema_migrations_log");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations")).isEmpty();
		assertThat(this.fx.query("SELECT version, action, " + SUCCESS + " FROM schema_migrations_log"))
			.containsExactly("3|migrate|0");
	}

	@Test
	void transactionModeAllAppliesEverythingWhenAllIsWell() throws Exception {
		RunResult result = this.fx.configure().transactionMode(TransactionMode.ALL).load().migrate();

		assertThat(result.migrations()).hasSize(3);
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE status = 'applied'")).containsExactly("3");
	}

	@Test
	void transactionModeAllRefusesNoTransactionMigrationsUpFront() throws Exception {
		this.fx.write("3_later.sql", "-- migrator:no-transaction\nCREATE TABLE later (id INTEGER);");

		assertThatThrownBy(() -> this.fx.configure().transactionMode(TransactionMode.ALL).load().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("3_later.sql is marked -- migrator:no-transaction");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void failureOutsideATransactionWithoutBackupsSaysWhatStays() throws Exception {
		this.fx.write("3_partial.sql", "-- migrator:no-transaction\nCREATE TABLE stays (id INTEGER);\nSELEC 1;");

		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("3_partial.sql:3: ")
			.hasMessageContaining("No backup of this run exists to restore from: No backup was taken: backups are disabled");

		assertThat(this.fx.tables()).contains("stays");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '3'")).containsExactly("failed");
	}

	@Test
	void emptyStatementsAndCommentsAreNotExecuted() throws Exception {
		this.fx.write("3_comments.sql", "-- leading comment\n;;\n/* block; comment */\nCREATE TABLE c (id INTEGER); -- trailing\n;");

		this.fx.migrator().migrate();

		assertThat(this.fx.tables()).contains("c");
	}

	@Test
	void customHistoryTableNameIsUsed() throws Exception {
		this.fx.configure().table("app_history").load().migrate();

		assertThat(this.fx.tables()).containsExactly("app_history", "app_history_log", "tasks");
	}

	@Test
	void historyTableNameWithSqlInItIsRefused() {
		assertThatThrownBy(() -> this.fx.configure().table("x; DROP TABLE tasks; --").load())
			.hasMessageContaining("Invalid history table name")
			.hasMessageContaining("plain SQL identifier");
		assertThatThrownBy(() -> this.fx.configure().table("1abc").load()).hasMessageContaining("Invalid history table name");
	}

	@Test
	void theLogListsTheNewestEntriesFirst() throws Exception {
		this.fx.migrator().migrate("002");
		this.fx.migrator().migrate();

		assertThat(this.fx.migrator().log(2)).extracting((entry) -> entry.version() + " " + entry.action() + " " + entry.success())
			.containsExactly("2.10 migrate true", "002 migrate true");
		assertThat(this.fx.migrator().log(10)).hasSize(3).allSatisfy((entry) -> {
			assertThat(entry.performedAt()).isNotNull();
			assertThat(entry.performedBy()).isNotBlank();
			assertThat(entry.executionTimeMs()).isNotNull();
		});
	}

}
