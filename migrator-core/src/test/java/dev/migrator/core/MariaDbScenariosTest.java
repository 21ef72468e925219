package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidationException;

/** The engine's main scenarios on a real MariaDB server, each test on a fresh database of its own. */
class MariaDbScenariosTest {

	@TempDir
	Path dir;

	MariaDbFixture db;

	@BeforeEach
	void setUp() throws Exception {
		this.db = new MariaDbFixture(this.dir);
		this.db.write("001_create_tasks.sql", """
				CREATE TABLE tasks (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL);
				-- migrate:down
				DROP TABLE tasks;
				""")
			.write("002_add_done.sql", """
					ALTER TABLE tasks ADD COLUMN done BOOLEAN NOT NULL DEFAULT 0;
					-- migrate:down
					ALTER TABLE tasks DROP COLUMN done;
					""")
			.write("2.10_seed.sql", """
					# MySQL's own comment style
					INSERT INTO tasks (title) VALUES ('one; with semicolon');
					INSERT INTO tasks (title) VALUES ("two # not a comment"), ('it\\'s quoted');
					-- migrate:down
					DELETE FROM tasks;
					-- migrate:verify
					SELECT count(*) = 3 FROM tasks;
					""");
	}

	@Test
	void freshDatabaseGetsEveryMigrationInVersionOrderAfterAVerifiedDump() throws Exception {
		Instant before = Instant.now().minusSeconds(1);

		RunResult result = this.db.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("001", "002", "2.10");
		assertThat(result.currentVersion()).hasToString("2.10");
		assertThat(result.warnings()).isEmpty();
		assertThat(this.db.query("SELECT title, done FROM tasks ORDER BY id")).containsExactly("one; with semicolon|0",
				"two # not a comment|0", "it's quoted|0");
		assertThat(this.db.query("SELECT version, status, type FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied|sql", "002|applied|sql", "2.10|applied|sql");
		// DDL commits on its own here, so each migration is marked started before its first statement
		assertThat(this.db.query("SELECT version, action, success FROM schema_migrations_log ORDER BY id"))
			.containsExactly("001|start|1", "001|migrate|1", "002|start|1", "002|migrate|1", "2.10|start|1",
					"2.10|migrate|1");
		assertThat(this.db.migrator().info().applied()).allSatisfy((m) -> assertThat(m.appliedAt())
			.isBetween(before, Instant.now().plusSeconds(1)));
		assertThat(result.backup()).satisfies((backup) -> {
			assertThat(backup.id()).matches(this.db.database + "_\\d{8}_\\d{6}_v0\\.sql");
			assertThat(backup.verified()).isTrue();
			assertThat(Files.getPosixFilePermissions(this.db.backups.resolve(backup.id())))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		});
	}

	@Test
	void secondRunFindsNothingToDoAndTakesNoBackup() throws Exception {
		this.db.migrator().migrate();
		List<String> before = this.db.dump();

		RunResult again = this.db.migrator().migrate();

		assertThat(again.isEmpty()).isTrue();
		assertThat(again.backup()).isNull();
		assertThat(this.db.dump()).isEqualTo(before);
		assertThat(this.db.migrator().backups()).hasSize(1);
	}

	@Test
	void rollsBackOneStepToAVersionAndToNothing() throws Exception {
		Migrator migrator = this.db.migrator();
		migrator.migrate();

		assertThat(migrator.rollback(1, RunOptions.DEFAULT.withAllowDataLoss(true)).currentVersion()).hasToString("002");
		assertThat(this.db.query("SELECT count(*) FROM tasks")).containsExactly("0");

		assertThat(migrator.rollbackTo("001").currentVersion()).hasToString("001");
		assertThat(this.db.query("SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
				+ "AND table_name = 'tasks' AND column_name = 'done'")).containsExactly("0");

		assertThat(migrator.rollbackTo("0").currentVersion().isEmpty()).isTrue();
		assertThat(this.db.tables()).containsExactly("schema_migrations", "schema_migrations_log");
		assertThat(this.db.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|rolled_back", "002|rolled_back", "2.10|rolled_back");

		assertThat(migrator.migrate().migrations()).hasSize(3);
		assertThat(this.db.query("SELECT count(*) FROM tasks")).containsExactly("3");
	}

	@Test
	void rollbackThatWouldDropRowsIsRefusedWithCountsUnlessAllowed() throws Exception {
		Migrator migrator = this.db.migrator();
		migrator.migrate("002");
		this.db.execute("INSERT INTO tasks (title, done) VALUES ('keep me', 1)");

		assertThatThrownBy(() -> migrator.rollbackTo("0")).isInstanceOf(DataLossException.class)
			.hasMessageContaining("drops column tasks.done (1 value)")
			.hasMessageContaining("drops table tasks (1 row)");
		assertThat(this.db.query("SELECT title FROM tasks")).containsExactly("keep me");

		migrator.rollbackTo("0", RunOptions.DEFAULT.withAllowDataLoss(true));
		assertThat(this.db.tables()).doesNotContain("tasks");
	}

	@Test
	void failingDmlMigrationInTheMiddleIsRolledBackWholeAndRetriedWithNoRepair() throws Exception {
		this.db.write("2.10_seed.sql", """
				INSERT INTO tasks (title) VALUES ('first');
				INSERT INTO tasks (title) VALUES ('second');
				INSERT INTO no_such_table VALUES (1);
				""");

		assertThatThrownBy(() -> this.db.migrator().migrate()).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> {
					assertThat(ex.version()).hasToString("2.10");
					assertThat(ex.line()).isEqualTo(3);
				})
			.hasMessageContaining("2.10_seed.sql:3: ")
			.hasMessageContaining("no_such_table' doesn't exist")
			.hasMessageContaining("Nothing of it was applied: its transaction was rolled back.")
			.hasMessageContaining("Migrations applied earlier in this run stay applied: [001, 002]");
		assertThat(this.db.query("SELECT count(*) FROM tasks")).containsExactly("0");
		// nothing stayed: its start marker gave way, no failed row blocks the next run
		assertThat(this.db.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied", "002|applied");
		assertThat(this.db.query("SELECT count(*) FROM schema_migrations_log WHERE action = 'restore'")).containsExactly("0");

		this.db.write("2.10_seed.sql", "INSERT INTO tasks (title) VALUES ('fixed');");
		assertThat(this.db.migrator().migrate().migrations()).hasSize(1);
		assertThat(this.db.query("SELECT title FROM tasks")).containsExactly("fixed");
	}

	@Test
	void changedAppliedScriptIsRefusedUntilRepairRealignsIt() throws Exception {
		this.db.migrator().migrate();
		this.db.write("001_create_tasks.sql", """
				-- a comment added after the fact
				CREATE TABLE tasks (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL);
				-- migrate:down
				DROP TABLE tasks;
				""");

		assertThatThrownBy(() -> this.db.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("has changed since it was applied as migration 001");
		assertThat(this.db.migrator().repair().realigned()).extracting(Object::toString).containsExactly("001");
		assertThat(this.db.migrator().validate().warnings()).isEmpty();
	}

	@Test
	void pendingMigrationBelowTheCurrentVersionIsRefusedUnlessOutOfOrder() throws Exception {
		this.db.migrator().migrate();
		this.db.write("1.5_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);");

		assertThatThrownBy(() -> this.db.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Pending migration 1.5")
			.hasMessageContaining("below the current version 2.10");
		assertThat(this.db.configure().outOfOrder(true).load().migrate().migrations())
			.extracting((r) -> r.version().toString())
			.containsExactly("1.5");
		assertThat(this.db.tables()).contains("notes");
	}

	@Test
	void verifyQueryAnsweringFalseFailsADmlMigrationWhichIsRolledBack() throws Exception {
		this.db.write("2.10_seed.sql", """
				INSERT INTO tasks (title) VALUES ('only one');
				-- migrate:verify
				SELECT count(*) = 3 FROM tasks;
				""");

		assertThatThrownBy(() -> this.db.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("verify query returned 0")
			.hasMessageContaining("Nothing of it was applied");
		assertThat(this.db.query("SELECT count(*) FROM tasks")).containsExactly("0");
	}

	@Test
	void transactionModeAllIsRefusedBecauseDdlCommitsOnItsOwn() throws Exception {
		Migrator migrator = this.db.configure().transactionMode(TransactionMode.ALL).load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Transaction mode ALL needs DDL that takes part in transactions")
			.hasMessageContaining("MariaDB commits every DDL statement the moment it runs")
			.hasMessageContaining("Use PER_MIGRATION");
		assertThat(this.db.tables()).isEmpty();
	}

	@Test
	void dryRunIsRefusedSayingWhyAndTouchesNothing() throws Exception {
		assertThatThrownBy(() -> this.db.migrator().migrate(RunOptions.dryRunOnly())).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Dry runs are not available on MariaDB")
			.hasMessageContaining("commits every DDL statement")
			.hasMessageContaining("Nothing was changed");
		assertThat(this.db.tables()).isEmpty();
	}

	@Test
	void fullIntegrityCheckRunsCheckTableOnEveryTableAndView() throws Exception {
		this.db.write("3_view.sql", "CREATE VIEW open_tasks AS SELECT id, title FROM tasks WHERE done = 0;");

		RunResult result = this.db.configure().integrityCheck(IntegrityCheck.FULL).load().migrate();

		assertThat(result.currentVersion()).hasToString("3");
		assertThat(this.db.query("SELECT count(*) FROM open_tasks")).containsExactly("3");
	}

	@Test
	void fullIntegrityCheckFindingABrokenViewRestoresTheRunsBackup() throws Exception {
		this.db.migrator().migrate();
		this.db.write("3_view.sql", "CREATE VIEW open_tasks AS SELECT id, title, done FROM tasks WHERE done = 0;")
			.write("4_drop_done.sql", "ALTER TABLE tasks DROP COLUMN done;");
		List<String> before = this.db.dumpWithoutLog();

		assertThatThrownBy(() -> this.db.configure().integrityCheck(IntegrityCheck.FULL).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("integrity check failed after the run: open_tasks: ")
			.hasMessageContaining("The database was restored from backup");
		assertThat(this.db.dumpWithoutLog()).isEqualTo(before);
		// 3 and 4 were applied after the backup: their entries are carried over into the restored log
		assertThat(this.db.query("SELECT version, action, success FROM schema_migrations_log"
				+ " WHERE action <> 'start' ORDER BY id"))
			.endsWith("3|migrate|1", "4|migrate|1", "null|restore|1", "null|migrate|0");
	}

	/** A Java migration on MariaDB: plain JDBC on the run's connection, up and down. */
	public static class SplitTitles implements JavaMigration {

		@Override
		public String version() {
			return "3";
		}

		@Override
		public String description() {
			return "split titles";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("ALTER TABLE tasks ADD COLUMN first_word VARCHAR(200)");
				statement.execute("UPDATE tasks SET first_word = SUBSTRING_INDEX(title, ' ', 1)");
			}
		}

		@Override
		public void down(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("ALTER TABLE tasks DROP COLUMN first_word");
			}
		}

	}

	@Test
	void javaMigrationRunsBetweenSqlOnesAndRollsBack() throws Exception {
		Migrator migrator = this.db.configure().javaMigrationClasses(SplitTitles.class).load();

		migrator.migrate();

		assertThat(this.db.query("SELECT first_word FROM tasks ORDER BY id")).containsExactly("one;", "two", "it's");
		assertThat(this.db.query("SELECT type FROM schema_migrations WHERE version = '3'")).containsExactly("java");
		migrator.rollback(1);
		assertThat(this.db.query("SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
				+ "AND column_name = 'first_word'")).containsExactly("0");
	}

	@Test
	void proceduresAndTriggersWithDelimiterRunThroughTheEngine() throws Exception {
		this.db.write("3_audit.sql", """
				CREATE TABLE audit (task_id INT, note VARCHAR(100));

				DELIMITER $$
				CREATE PROCEDURE add_task(IN t VARCHAR(200), OUT new_id INT)
				BEGIN
				  -- a semicolon inside the body; and one in a string: ';'
				  INSERT INTO tasks (title) VALUES (t);
				  SET new_id = LAST_INSERT_ID();
				END$$

				CREATE TRIGGER tasks_audit AFTER INSERT ON tasks FOR EACH ROW
				BEGIN
				  IF NEW.title LIKE 'urgent%' THEN
				    INSERT INTO audit VALUES (NEW.id, CONCAT('urgent: ', NEW.title));
				  END IF;
				END$$
				DELIMITER ;

				CALL add_task('urgent: fix the roof', @id);
				-- migrate:down
				DROP TRIGGER tasks_audit;
				DROP PROCEDURE add_task;
				DROP TABLE audit;
				-- migrate:verify
				SELECT count(*) = 1 FROM audit WHERE note = 'urgent: urgent: fix the roof';
				""");

		this.db.migrator().migrate();

		try (Connection connection = this.db.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CALL add_task('not urgent', @id)");
			statement.execute("CALL add_task('urgent too', @id)");
		}
		assertThat(this.db.query("SELECT note FROM audit ORDER BY task_id")).containsExactly("urgent: urgent: fix the roof",
				"urgent: urgent too");
		assertThat(this.db.query("SELECT routine_name FROM information_schema.routines WHERE routine_schema = DATABASE()"))
			.containsExactly("add_task");

		this.db.migrator().rollback(1, RunOptions.DEFAULT.withAllowDataLoss(true));
		assertThat(this.db.query("SELECT count(*) FROM information_schema.routines WHERE routine_schema = DATABASE()"))
			.containsExactly("0");
		assertThat(this.db.query("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()"))
			.containsExactly("0");
	}

	@Test
	void mysqlConnectorJReportsMySqlYetTheServerIsRecognisedAsMariaDb() throws Exception {
		Migrator migrator = Migrator.configure()
			.url(this.db.mysqlDriverUrl(), this.db.server.user(), this.db.server.password())
			.locations("filesystem:" + this.db.migrations)
			.backupDirectory(this.db.backups)
			.backupDumpTool(this.db.server.dumpTool().orElseThrow())
			.load();

		RunResult result = migrator.migrate();

		// the dump tool logged in with the password read from MySQL Connector/J's connection
		assertThat(result.backup().verified()).isTrue();
		assertThat(migrator.info().applied()).extracting(MigrationInfo::appliedAt).doesNotContainNull();
		assertThatThrownBy(() -> migrator.migrate(RunOptions.dryRunOnly()))
			.hasMessageContaining("Dry runs are not available on MariaDB");
		assertThat(this.db.query("SELECT count(*) FROM tasks")).containsExactly("3");
	}

	@Test
	void connectionWithoutADatabaseIsRefusedSayingWhatToAdd() {
		Migrator migrator = Migrator.configure()
			.url(this.db.server.url("").replaceFirst("/$", "/"), this.db.server.user(), this.db.server.password())
			.locations("filesystem:" + this.db.migrations)
			.lockWaitTimeout(Duration.ZERO)
			.load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigratorException.class)
			.hasMessageContaining("has no current database")
			.hasMessageContaining("name the database in the JDBC URL");
	}

}
