package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/**
 * MariaDB commits every DDL statement implicitly, so a failing migration can be half-applied: the
 * engine must say exactly which statements the database committed, record the failure, and undo it
 * from the run's dump where there is one.
 */
class MariaDbHalfAppliedTest {

	/** Five statements at lines 1, 4, 9, 12 and 15; the fourth fails after three DDL statements committed. */
	static final String FIVE_STATEMENTS = """
			CREATE TABLE tags (id INT PRIMARY KEY, name VARCHAR(50));

			-- which task has which tag
			CREATE TABLE task_tags (task_id INT, tag_id INT);



			# a new column for every task
			ALTER TABLE tasks ADD COLUMN priority INT NOT NULL DEFAULT 0;


			ALTER TABLE no_such_table ADD COLUMN x INT;


			CREATE INDEX task_tags_tag ON task_tags (tag_id);
			""";

	static final String EXACTLY_WHAT_RAN = "statements 1\u20133 of 5 (lines 1, 4, 9) ran and were committed by the "
			+ "database; statement 4 (line 12) failed; statement 5 (line 15) did not run";

	@TempDir
	Path dir;

	MariaDbFixture db;

	@BeforeEach
	void setUp() throws Exception {
		this.db = new MariaDbFixture(this.dir);
		this.db.write("001_create_tasks.sql", """
				CREATE TABLE tasks (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL);
				INSERT INTO tasks (title) VALUES ('keep me');
				-- migrate:down
				DROP TABLE tasks;
				""");
		this.db.migrator().migrate();
	}

	@Test
	void halfAppliedMigrationIsReportedStatementByStatementAndUndoneFromTheDump() throws Exception {
		this.db.write("002_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\nINSERT INTO notes VALUES (1);")
			.write("003_tags.sql", FIVE_STATEMENTS);
		List<String> before = this.db.applicationDump();

		assertThatThrownBy(() -> this.db.migrator().migrate()).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> {
					assertThat(ex.version()).hasToString("003");
					assertThat(ex.line()).isEqualTo(12);
				})
			.hasMessageContaining("003_tags.sql:12: ")
			.hasMessageContaining("no_such_table' doesn't exist")
			.hasMessageContaining("It was half-applied, because MariaDB commits every DDL statement implicitly: "
					+ EXACTLY_WHAT_RAN + ".")
			.hasMessageContaining("The database was restored from backup " + this.db.database + "_")
			.hasMessageContaining("migrations applied earlier in this run were undone too")
			.hasMessageNotContaining("stay applied")
			.hasMessageContaining("nothing to repair")
			.hasMessageNotContaining("repair()");

		assertThat(this.db.tables()).containsExactly("schema_migrations", "schema_migrations_log", "tasks");
		assertThat(this.db.applicationDump()).isEqualTo(before);
		// the backup undid it: nothing stayed, so no failed row blocks the next run
		assertThat(this.db.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied");
		// 002's apply, after the backup, is carried over into the restored log
		assertThat(this.db.query("SELECT version, action, success FROM schema_migrations_log"
				+ " WHERE action <> 'start' ORDER BY id"))
			.endsWith("002|migrate|1", "null|restore|1", "003|migrate|0");
		assertThat(this.db.query("SELECT error FROM schema_migrations_log WHERE action = 'migrate' AND success = 0"))
			.singleElement()
			.asString()
			.contains("003_tags.sql:12: ", EXACTLY_WHAT_RAN, "The database was restored from backup");

		// the clean way forward: fix the script, migrate again
		this.db.write("003_tags.sql", FIVE_STATEMENTS.replace("no_such_table", "tags"));
		assertThat(this.db.migrator().migrate().migrations()).extracting((r) -> r.version().toString())
			.containsExactly("002", "003");
		assertThat(this.db.tables()).contains("notes", "tags", "task_tags");
	}

	@Test
	void withoutABackupTheHalfAppliedStateStaysAndTheLogListsWhatToUndo() throws Exception {
		this.db.write("002_tags.sql", FIVE_STATEMENTS);
		Migrator migrator = this.db.configure().backupEnabled(false).load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("It was half-applied, because MariaDB commits every DDL statement implicitly: "
					+ EXACTLY_WHAT_RAN + ".")
			.hasMessageContaining("No backup of this run exists to restore from: No backup was taken: backups are disabled")
			.hasMessageContaining("Migrate will not run it again until you repair it: finish by hand what it left and"
					+ " mark it applied, or undo by hand what the statements listed above did and forget it")
			.hasMessageNotContaining("repair()");

		assertThat(this.db.tables()).contains("tags", "task_tags");
		assertThat(this.db.query("SELECT title, priority FROM tasks")).containsExactly("keep me|0");
		assertThat(this.db.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied", "002|failed");
		String logged = this.db.query("SELECT error FROM schema_migrations_log WHERE success = 0").get(0);
		assertThat(logged).contains("002_tags.sql:12: ", EXACTLY_WHAT_RAN, "No backup of this run exists");

		// undo by hand what the log lists, clear the failed entry, migrate the fixed script
		this.db.execute("DROP TABLE tags");
		this.db.execute("DROP TABLE task_tags");
		this.db.execute("ALTER TABLE tasks DROP COLUMN priority");
		this.db.write("002_tags.sql", FIVE_STATEMENTS.replace("no_such_table", "tags"));
		migrator.repair();
		assertThat(migrator.migrate().currentVersion()).hasToString("002");
	}

	@Test
	void aSuccessfulMigrationSetsOneSavepointPerStatementAndAsksNothingMore() throws Exception {
		this.db.write("002_tags.sql", FIVE_STATEMENTS.replace("no_such_table", "tags"));
		long savepointsBefore = globalStatus("Com_savepoint");
		long releasesBefore = globalStatus("Com_release_savepoint");

		this.db.configure().backupEnabled(false).load().migrate();

		// no release, so no "savepoint does not exist" error for the driver to log as a warning
		assertThat(globalStatus("Com_release_savepoint") - releasesBefore).isZero();
		assertThat(globalStatus("Com_savepoint") - savepointsBefore).isEqualTo(5);
	}

	private long globalStatus(String name) throws Exception {
		return Long.parseLong(this.db.query("SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).split("\\|")[1]);
	}

	@Test
	void rowsInsertedAfterTheLastDdlAreRolledBackAndSaidToBe() throws Exception {
		this.db.write("002_labels.sql", """
				CREATE TABLE labels (id INT PRIMARY KEY);
				INSERT INTO labels VALUES (1);
				INSERT INTO labels VALUES (1);
				""");

		assertThatThrownBy(() -> this.db.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("statement 1 of 3 (line 1) ran and was committed by the database; statement 2 (line 2) "
					+ "ran after the last commit and was rolled back; statement 3 (line 3) failed");
		assertThat(this.db.tables()).contains("labels");
		assertThat(this.db.query("SELECT count(*) FROM labels")).containsExactly("0");
	}

	@Test
	void aFailingDdlStatementStillCommitsTheRowsBeforeIt() throws Exception {
		this.db.write("002_more.sql", """
				INSERT INTO tasks (title) VALUES ('committed by the next statement');
				ALTER TABLE no_such_table ADD COLUMN x INT;
				""");

		assertThatThrownBy(() -> this.db.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("statement 1 of 2 (line 1) ran and was committed by the database; statement 2 (line 2) "
					+ "failed");
		assertThat(this.db.query("SELECT title FROM tasks ORDER BY id")).containsExactly("keep me",
				"committed by the next statement");
	}

	@Test
	void aDdlStatementRejectedBeforeItRunsCommitsNothing() throws Exception {
		this.db.write("002_more.sql", """
				INSERT INTO tasks (title) VALUES ('rolled back');
				ALTER TABLE tasks ADDD COLUMN x INT;
				""");

		assertThatThrownBy(() -> this.db.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("You have an error in your SQL syntax")
			.hasMessageContaining("Nothing of it was applied: its transaction was rolled back.");
		assertThat(this.db.query("SELECT title FROM tasks")).containsExactly("keep me");
		assertThat(this.db.query("SELECT count(*) FROM schema_migrations_log WHERE action = 'restore'")).containsExactly("0");
	}

	@Test
	void verificationFailingAfterCommittedDdlRestoresTheDump() throws Exception {
		this.db.write("002_priority.sql", """
				ALTER TABLE tasks ADD COLUMN priority INT;
				-- migrate:verify
				SELECT count(*) FROM tasks WHERE priority IS NOT NULL;
				""");
		List<String> before = this.db.applicationDump();

		assertThatThrownBy(() -> this.db.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("verify query returned 0")
			.hasMessageContaining("statement 1 of 1 (line 1) ran and was committed by the database; the failure came after "
					+ "its last statement")
			.hasMessageContaining("The database was restored from backup");
		assertThat(this.db.applicationDump()).isEqualTo(before);
	}

	/** Creates a table, then fails: its DDL was committed by the time it threw. */
	static class CreatesThenFails implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "creates then fails";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("CREATE TABLE made_by_java (id INT)");
			}
			throw new IllegalStateException("the remote service is down");
		}

	}

	@Test
	void javaMigrationThatCommittedDdlBeforeThrowingIsUndoneFromTheDump() throws Exception {
		Migrator migrator = this.db.configure().javaMigrations(new CreatesThenFails()).load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("up() threw java.lang.IllegalStateException: the remote service is down")
			.hasMessageContaining("its Java code had committed part of its work when it ended")
			.hasMessageContaining("The database was restored from backup");
		assertThat(this.db.tables()).doesNotContain("made_by_java");
	}

	@Test
	void halfAppliedDownIsUndoneFromTheDumpAndTheMigrationStaysApplied() throws Exception {
		this.db.write("002_tags.sql", """
				CREATE TABLE tags (id INT PRIMARY KEY);
				CREATE TABLE task_tags (task_id INT, tag_id INT);
				-- migrate:down
				DROP TABLE task_tags;
				DROP TABLE no_such_table;
				DROP TABLE tags;
				""");
		Migrator migrator = this.db.migrator();
		migrator.migrate();
		List<String> before = this.db.applicationDump();

		assertThatThrownBy(() -> migrator.rollback(1)).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("Rollback of migration 002 (tags) failed")
			.hasMessageContaining("Its down was half-applied, because MariaDB commits every DDL statement implicitly: "
					+ "statement 1 of 3 (line 4) ran and was committed by the database; statement 2 (line 5) failed; "
					+ "statement 3 (line 6) did not run.")
			.hasMessageContaining("The database was restored from backup");
		assertThat(this.db.applicationDump()).isEqualTo(before);
		assertThat(this.db.query("SELECT error FROM schema_migrations_log WHERE action = 'rollback'")).singleElement()
			.asString()
			.contains("statement 1 of 3 (line 4) ran and was committed");
	}

	@Test
	void halfAppliedDownWithoutABackupSaysTheHistoryStillCallsItApplied() throws Exception {
		this.db.write("002_tags.sql", """
				CREATE TABLE tags (id INT PRIMARY KEY);
				-- migrate:down
				DROP TABLE tags;
				DROP TABLE no_such_table;
				""");
		Migrator migrator = this.db.configure().backupEnabled(false).load();
		migrator.migrate();

		assertThatThrownBy(() -> migrator.rollback(1)).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("statement 1 of 2 (line 3) ran and was committed by the database")
			.hasMessageContaining("The history still says 002 is applied: undo by hand what the statements listed above did");
		assertThat(this.db.tables()).doesNotContain("tags");
	}

	@Test
	void noTransactionMigrationCommitsStatementByStatementAndSaysWhichRan() throws Exception {
		this.db.write("002_rows.sql", """
				-- migrator:no-transaction
				INSERT INTO tasks (title) VALUES ('a');
				INSERT INTO tasks (title) VALUES ('b');
				INSERT INTO no_such_table VALUES (1);
				""");

		assertThatThrownBy(() -> this.db.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("It ran outside a transaction (-- migrator:no-transaction): statements 1\u20132 of 3 "
					+ "(lines 2, 3) ran and were committed by the database; statement 3 (line 4) failed.");
		assertThat(this.db.query("SELECT title FROM tasks ORDER BY id")).containsExactly("keep me", "a", "b");
	}

	@Test
	void withNoDumpToolTheRunWarnsThatItReliesOnItsStatementLog() throws Exception {
		assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
			.noneMatch((d) -> Files.exists(Path.of(d, "mysqldump")) || Files.exists(Path.of(d, "mariadb-dump"))),
				"a dump tool is on the PATH");
		this.db.write("002_notes.sql", "CREATE TABLE notes (id INT);");
		Migrator migrator = Migrator.configure()
			.url(this.db.url(), this.db.server.user(), this.db.server.password())
			.locations("filesystem:" + this.db.migrations)
			.load();

		RunResult result = migrator.migrate(RunOptions.DEFAULT);

		assertThat(result.backup()).isNull();
		assertThat(result.warnings()).singleElement()
			.asString()
			.startsWith("No backup was taken: no dump tool for MariaDB was found (set migrator.backup.dump-tool")
			.contains("relies on its own statement log, which records exactly which statements ran and were committed");
	}

}
