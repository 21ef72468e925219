package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.testing.FailingDataSource;

/**
 * A command's hold on a SQLite file where it goes wrong: a setting SQLite cannot have, refused the
 * same way while another runner migrates; a migration outside a transaction whose history row
 * cannot be written; and validate's count of the statements it could not compile.
 */
class SessionAndSyntaxCheckSqliteTest {

	private static final String NO_SCHEMAS = "The schema setting (migrator.schema = app) is for server databases;"
			+ " SQLite has no schemas: remove the setting";

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);");
	}

	@Test
	void aSchemaSettingIsRefusedByAReadOnlyCommandAlsoWhileAnotherRunnerMigrates() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);");
		this.fx.execute("CREATE TABLE app (id INTEGER)");
		assertThatThrownBy(() -> this.fx.configure().schema("app").load().status()).isInstanceOf(MigratorException.class)
			.hasMessage(NO_SCHEMAS);
		Throwable[] during = new Throwable[1];
		MigrationListener peek = new MigrationListener() {

			@Override
			public void migrationApplied(MigrationRun run, boolean dryRun) {
				if (run.version().toString().equals("001")) {
					try {
						SessionAndSyntaxCheckSqliteTest.this.fx.configure().schema("app").load().status();
					}
					catch (RuntimeException ex) {
						during[0] = ex;
					}
				}
			}

		};

		var run = this.fx.configure().listeners(peek).load().migrate();

		assertThat(during[0]).as("refused as plainly while the lock was held").isInstanceOf(MigratorException.class)
			.hasMessage(NO_SCHEMAS);
		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("001", "002");
		assertThat(this.fx.migrator().migrate().isEmpty()).as("the run that held the lock finished").isTrue();
	}

	@Test
	void aMigrationOutsideATransactionWhoseHistoryRowCannotBeWrittenIsLeftMarkedFailedNotPending() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "-- migrator:no-transaction\nCREATE TABLE b (id INTEGER);");
		// the start marker's row is written; the row that says the migration was applied is not
		FailingDataSource db = new FailingDataSource(this.fx.url()).failOn("executeUpdate", "UPDATE main.schema_migrations SET", 1);
		Migrator migrator = Migrator.configure().dataSource(db).locations("filesystem:" + this.fx.migrations)
			.backupEnabled(false).load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigratorException.class)
			.hasMessageContaining(FailingDataSource.MESSAGE);

		assertThat(db.failures()).isEqualTo(1);
		assertThat(this.fx.tables()).as("its statement ran outside a transaction").contains("b");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '002'")).containsExactly("failed");
		db.heal();
		var status = migrator.status();
		assertThat(status.migrations()).filteredOn((m) -> m.state() == MigrationState.FAILED)
			.extracting((m) -> m.version().toString()).containsExactly("002");
		assertThatThrownBy(migrator::migrate).as("not run twice").isInstanceOf(MigratorException.class)
			.hasMessageContaining("is partially applied");
	}

	@Test
	void aStatementSqliteCannotExplainIsCountedAsNotChecked() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_stats.sql", "INSERT INTO a VALUES (1);\nANALYZE;");
		List<String> before = this.fx.dump();

		List<String> warnings = this.fx.migrator().validate().warnings();

		assertThat(warnings).anySatisfy((w) -> assertThat(w)
			.startsWith("Syntax checked without running: 1 of 2 statements of the pending migrations; 1 could not be")
			.endsWith("only a dry run runs them"));
		assertThat(this.fx.dump()).as("nothing ran").isEqualTo(before);
	}

	@Test
	void aSecondRunnerArrivingWhileTheFirstMigratesWaitsForItAndAppliesNothingTwice() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);");
		this.fx.execute("CREATE TABLE runs (version TEXT)");
		this.fx.write("003_c.sql", "INSERT INTO runs VALUES ('003');");
		java.util.concurrent.CompletableFuture<dev.migrator.core.api.RunResult> second = new java.util.concurrent.CompletableFuture<>();
		MigrationListener arrive = new MigrationListener() {

			@Override
			public void migrationApplied(MigrationRun run, boolean dryRun) {
				if (run.version().toString().equals("001")) {
					Thread thread = new Thread(() -> {
						try {
							second.complete(SessionAndSyntaxCheckSqliteTest.this.fx.migrator().migrate());
						}
						catch (Throwable ex) {
							second.completeExceptionally(ex);
						}
					});
					thread.start();
					try {
						Thread.sleep(1000); // the second runner is waiting its turn by now
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}

		};

		var first = this.fx.configure().listeners(arrive).load().migrate();

		assertThat(first.migrations()).extracting((m) -> m.version().toString()).containsExactly("001", "002", "003");
		var then = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(then.migrations()).as("the second runner found everything applied").isEmpty();
		assertThat(then.currentVersion()).hasToString("003");
		assertThat(this.fx.query("SELECT version FROM runs")).containsExactly("003");
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations_log WHERE action = 'migrate'")).containsExactly("3");
	}

}
