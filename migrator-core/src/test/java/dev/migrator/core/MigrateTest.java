package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunResult;

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
		// rolled back whole: no failed row, the next run tries it again
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '3'")).isEmpty();
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
	void vacuumAloneRunsWithoutATransactionWithoutTheDirectiveAndInfoSaysSo() throws Exception {
		this.fx.write("3_vacuum.sql", "VACUUM;");

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '3'")).containsExactly("applied");
		assertThat(this.fx.migrator().info().migrations()).filteredOn((m) -> m.version().toString().equals("3"))
			.singleElement()
			.satisfies((m) -> assertThat(m.note()).isEqualTo("runs without a transaction: VACUUM (line 1) cannot run inside one"));
	}

	@Test
	void aJavaMigrationRunningVacuumInItsTransactionFailsSayingToMoveItToANoTransactionMigration() throws Exception {
		JavaMigration vacuum = new JavaMigration() {

			@Override
			public String version() {
				return "3";
			}

			@Override
			public String description() {
				return "archive and compact";
			}

			@Override
			public void up(MigrationContext context) throws Exception {
				try (Statement statement = context.connection().createStatement()) {
					statement.execute("CREATE TABLE archive (id INTEGER)");
					statement.execute("VACUUM");
				}
			}

		};

		assertThatThrownBy(() -> this.fx.configure().javaMigrations(vacuum).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("VACUUM cannot run inside a transaction: put it in a migration of its own whose first"
					+ " line is -- migrator:no-transaction");
		// rolled back whole: no archive table, no row for 3, so the fixed migration runs next time
		assertThat(this.fx.query("SELECT name FROM sqlite_master WHERE name = 'archive'")).isEmpty();
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '3'")).isEmpty();
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
			.containsExactly("001|applied", "002|applied");
		assertThat(this.fx.query("SELECT action, success FROM schema_migrations_log WHERE action IN ('restore', 'migrate') ORDER BY id DESC LIMIT 2"))
			.containsExactly("migrate|0", "restore|1");
		assertThat(this.fx.migrator().backups()).hasSizeGreaterThanOrEqualTo(2);
	}

	private static List<String> withoutHistory(List<String> dump) {
		return dump.stream().filter((line) -> !line.contains("schema_migrations")).toList();
	}

}
