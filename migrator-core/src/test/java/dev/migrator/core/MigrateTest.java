package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidationException;

class MigrateTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("001_create_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL);")
			.write("002_add_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN NOT NULL DEFAULT 0;")
			.write("2.10_seed.sql", "INSERT INTO tasks (title) VALUES ('one; with semicolon');\nINSERT INTO tasks (title) VALUES ('two');");
	}

	@Test
	void freshDatabaseGetsEveryMigrationInVersionOrder() throws Exception {
		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("001", "002", "2.10");
		assertThat(result.previousVersion().isEmpty()).isTrue();
		assertThat(result.currentVersion()).hasToString("2.10");
		assertThat(result.migrations()).extracting(MigrationRun::description)
			.containsExactly("create tasks", "add done", "seed");
		assertThat(this.fx.query("SELECT title, done FROM tasks ORDER BY id")).containsExactly("one; with semicolon|0",
				"two|0");
		assertThat(this.fx.query("SELECT version, status, type, script FROM schema_migrations ORDER BY applied_at"))
			.containsExactly("001|applied|sql|" + this.fx.migrations.resolve("001_create_tasks.sql"),
					"002|applied|sql|" + this.fx.migrations.resolve("002_add_done.sql"),
					"2.10|applied|sql|" + this.fx.migrations.resolve("2.10_seed.sql"));
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE length(checksum) = 64 AND applied_by IS NOT NULL AND execution_time_ms >= 0"))
			.containsExactly("3");
		assertThat(this.fx.query("SELECT version, action, success FROM schema_migrations_log ORDER BY id"))
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
		assertThat(this.fx.query("SELECT count(*) FROM pragma_table_info('tasks') WHERE name = 'notes'")).containsExactly("1");
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
		this.fx.write("002_add_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN;\nCREATE TABLE extra (id INTEGER);\n\nINSERT INTO no_such_table VALUES (1);");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.version()).hasToString("002");
				assertThat(ex.line()).isEqualTo(4);
				assertThat(ex.script()).endsWith("002_add_done.sql");
			})
			.hasMessageContaining("002_add_done.sql:4: ")
			.hasMessageContaining("no such table: no_such_table")
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("001")
			.hasMessageContaining("repair()");

		assertThat(this.fx.tables()).containsExactly("schema_migrations", "schema_migrations_log", "tasks");
		assertThat(this.fx.query("SELECT count(*) FROM pragma_table_info('tasks') WHERE name = 'done'")).containsExactly("0");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied", "002|failed");
		assertThat(this.fx.query("SELECT version, action, success, error LIKE '%no such table%' FROM schema_migrations_log ORDER BY id"))
			.containsExactly("001|migrate|1|null", "002|migrate|0|1");
	}

	@Test
	void failedMigrationBlocksTheNextRunUntilRepair() throws Exception {
		this.fx.write("002_add_done.sql", "INSERT INTO no_such_table VALUES (1);");
		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class);
		this.fx.write("002_add_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN NOT NULL DEFAULT 0;");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Migration 002")
			.hasMessageContaining("failed at")
			.hasMessageContaining("run repair()");

		assertThat(this.fx.migrator().repair().removedFailed()).extracting(Object::toString).containsExactly("002");
		RunResult result = this.fx.migrator().migrate();
		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("002", "2.10");
		assertThat(this.fx.query("SELECT action, success FROM schema_migrations_log WHERE version = '002' ORDER BY id"))
			.containsExactly("migrate|0", "repair|1", "migrate|1");
	}

	@Test
	void falseVerifyQueryRollsTheMigrationBack() throws Exception {
		this.fx.write("003_archive.sql", """
				CREATE TABLE archive (id INTEGER PRIMARY KEY);
				-- migrate:verify
				SELECT count(*) = 1 FROM archive;
				""");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("003_archive.sql:3: verify query returned 0");

		assertThat(this.fx.tables()).doesNotContain("archive");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '003'")).containsExactly("failed");
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
	void triggerBodiesWithSemicolonsRunAsOneStatement() throws Exception {
		this.fx.write("003_audit.sql", """
				CREATE TABLE audit (task_id INTEGER, note TEXT);
				CREATE TRIGGER tasks_audit AFTER INSERT ON tasks
				BEGIN
				  INSERT INTO audit VALUES (NEW.id, CASE WHEN NEW.title LIKE '%;%' THEN 'semi;colon' ELSE 'plain' END);
				  INSERT INTO audit VALUES (NEW.id, 'second; statement');
				END;
				INSERT INTO tasks (title) VALUES ('a;b');
				""");

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT note FROM audit ORDER BY rowid")).containsExactly("semi;colon", "second; statement");
	}

	@Test
	void tableRebuildWorksWithForeignKeysEnforced() throws Exception {
		this.fx.write("2.10_seed.sql", """
				CREATE TABLE tags (id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE, name TEXT);
				INSERT INTO tasks (id, title) VALUES (1, 'one');
				INSERT INTO tags (task_id, name) VALUES (1, 'urgent');
				""");
		// SQLite's 12-step rebuild: new table, copy, drop old, rename. With enforcement on, the DROP
		// would cascade-delete the tags; the engine switches enforcement off around the transaction.
		this.fx.write("3_rebuild_tasks.sql", """
				CREATE TABLE tasks_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL CHECK (length(title) > 0), done BOOLEAN NOT NULL DEFAULT 0);
				INSERT INTO tasks_new (id, title, done) SELECT id, title, done FROM tasks;
				DROP TABLE tasks;
				ALTER TABLE tasks_new RENAME TO tasks;
				""");

		this.fx.configure().url(this.fx.url() + "?foreign_keys=true").load().migrate();

		assertThat(this.fx.query("SELECT t.title, g.name FROM tags g JOIN tasks t ON t.id = g.task_id")).containsExactly("one|urgent");
		assertThat(this.fx.query("SELECT count(*) FROM pragma_foreign_key_check")).containsExactly("0");
	}

	@Test
	void rebuildThatBreaksForeignKeysIsRolledBackWithTheViolations() throws Exception {
		this.fx.write("2.10_seed.sql", """
				CREATE TABLE tags (id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks(id), name TEXT);
				INSERT INTO tasks (id, title) VALUES (1, 'one');
				INSERT INTO tags (task_id, name) VALUES (1, 'urgent');
				""");
		this.fx.write("3_rebuild_tasks.sql", """
				CREATE TABLE tasks_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
				DROP TABLE tasks;
				ALTER TABLE tasks_new RENAME TO tasks;
				""");
		Migrator migrator = this.fx.configure().url(this.fx.url() + "?foreign_keys=true").load();

		assertThatThrownBy(migrator::migrate)
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("foreign key violations")
			.hasMessageContaining("table tags");

		assertThat(this.fx.query("SELECT title FROM tasks")).containsExactly("one");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '3'")).containsExactly("failed");
	}

	@Test
	void transactionModeAllCommitsAllOrNothing() throws Exception {
		this.fx.write("3_broken.sql", "CREATE TABLE fine (id INTEGER);\nSELEC 1;");

		assertThatThrownBy(() -> this.fx.configure().transactionMode(TransactionMode.ALL).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("3_broken.sql:2: ")
			.hasMessageContaining("All 4 migrations of this run were rolled back");

		assertThat(this.fx.tables()).containsExactly("schema_migrations", "schema_migrations_log");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations")).containsExactly("3|failed");
	}

	@Test
	void transactionModeAllAppliesEverythingWhenAllIsWell() throws Exception {
		RunResult result = this.fx.configure().transactionMode(TransactionMode.ALL).load().migrate();

		assertThat(result.migrations()).hasSize(3);
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE status = 'applied'")).containsExactly("3");
	}

	@Test
	void transactionModeAllRefusesNoTransactionMigrationsUpFront() throws Exception {
		this.fx.write("3_vacuum.sql", "-- migrator:no-transaction\nVACUUM;");

		assertThatThrownBy(() -> this.fx.configure().transactionMode(TransactionMode.ALL).load().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("3_vacuum.sql is marked -- migrator:no-transaction");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void noTransactionDirectiveRunsStatementsThatCannotRunInATransaction() throws Exception {
		// VACUUM fails inside a transaction ("cannot VACUUM from within a transaction")
		this.fx.write("3_vacuum.sql", "-- Compact the file after the seed\n-- migrator:no-transaction\nVACUUM;");

		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting(MigrationRun::description).contains("Compact the file after the seed");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '3'")).containsExactly("applied");
	}

	@Test
	void vacuumWithoutTheDirectiveFailsWithTheDatabaseMessage() throws Exception {
		this.fx.write("3_vacuum.sql", "VACUUM;");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("3_vacuum.sql:1: ")
			.hasMessageContaining("VACUUM");
	}

	@Test
	void failureOutsideATransactionIsUndoneFromTheRunsBackup() throws Exception {
		this.fx.migrator().migrate("002");
		this.fx.execute("INSERT INTO tasks (title) VALUES ('keep me')");
		List<String> before = this.fx.dump();
		this.fx.write("3_partial.sql", "-- migrator:no-transaction\nCREATE TABLE stays (id INTEGER);\nINSERT INTO tasks (title) VALUES ('half');\nSELEC 1;");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("3_partial.sql:4: ")
			.hasMessageContaining("ran outside a transaction")
			.hasMessageContaining("The database was restored from backup app_")
			.hasMessageContaining("migrations applied earlier in this run were undone too");

		// the application's schema and data are exactly as before the run: 2.10 and 3 undone alike
		assertThat(withoutHistory(this.fx.dump())).isEqualTo(withoutHistory(before));
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied", "002|applied", "3|failed");
		assertThat(this.fx.query("SELECT action, success FROM schema_migrations_log WHERE action IN ('restore', 'migrate') ORDER BY id DESC LIMIT 2"))
			.containsExactly("migrate|0", "restore|1");
		assertThat(this.fx.migrator().backups()).hasSizeGreaterThanOrEqualTo(2);
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

	private static List<String> withoutHistory(List<String> dump) {
		return dump.stream().filter((line) -> !line.contains("schema_migrations")).toList();
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

}
