package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.testing.ChildJvm;

/**
 * A run SIGKILLed between two statements of a migration whose statements commit on their own (a
 * {@code -- migrator:no-transaction} script on SQLite and PostgreSQL; any script on MariaDB, where
 * DDL commits implicitly). The second statement is slow, so the kill, sent once the first
 * statement's table is visible, lands in it. Every later run must see the migration as partially
 * applied, never as pending, and refuse to run it until the operator repairs it one way or the other.
 */
class InterruptedMigrationTest {

	private static final String FIRST = "CREATE TABLE half_done (id INTEGER);\n";

	private static final String LAST = ";\nCREATE TABLE never_made (id INTEGER);\n";

	@TempDir
	Path dir;

	@Test
	void sqliteNoTransactionMigrationKilledHalfWayIsPartiallyAppliedUntilMarkedApplied() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		// a query that counts for minutes: the kill lands in it
		killHalfWay(fx, fx.url(), "-", "-", "-- migrator:no-transaction\n" + FIRST
				+ "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000000000) SELECT count(*) FROM n");

		finishByHandAndMarkApplied(fx);
	}

	@Test
	void postgresNoTransactionMigrationKilledHalfWayIsPartiallyAppliedUntilForgotten() throws Exception {
		PostgresFixture fx = new PostgresFixture(this.dir);
		// short: the server ends the dead client's backend (and its advisory lock) only when the sleep is over
		killHalfWay(fx, fx.url(), "-", "-", "-- migrator:no-transaction\n" + FIRST + "SELECT pg_sleep(3)");

		// undo by hand what it did, forget it; the next migrate runs it again, whole
		fx.execute("DROP TABLE half_done");
		assertThat(fx.migrator().repair().removedFailed()).extracting(Object::toString).containsExactly("2");
		assertThat(fx.migrator().info().pending()).extracting((m) -> m.version().toString()).containsExactly("2");
		fx.write("2_half.sql", "-- migrator:no-transaction\n" + FIRST + "SELECT 1" + LAST);
		assertThat(fx.migrator().migrate().migrations()).hasSize(1);
		assertThat(fx.tables()).contains("half_done", "never_made");
		assertThat(state(fx)).isEqualTo(MigrationState.APPLIED);
	}

	@Test
	void mariaDbMigrationKilledBetweenItsDdlStatementsIsPartiallyAppliedUntilMarkedApplied() throws Exception {
		MariaDbFixture fx = new MariaDbFixture(this.dir);
		// no directive: on MariaDB the CREATE TABLE commits the moment it runs, transaction or not
		killHalfWay(fx, fx.url(), fx.server.user(), fx.server.password(), FIRST + "SELECT SLEEP(3)");

		finishByHandAndMarkApplied(fx);
	}

	/**
	 * Migrates 1, then starts a child that migrates 2 and kills it once 2's first statement is done;
	 * then checks what every surface of the engine says, and that migrate refuses, changing nothing.
	 */
	private static void killHalfWay(DatabaseFixture fx, String url, String user, String password, String script)
			throws Exception {
		fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY);");
		fx.migrator().migrate();
		fx.write("2_half.sql", script + LAST);
		try (ChildJvm child = ChildJvm.start(fx.dir, "interrupted", InterruptedMigrationChild.class, url, user,
				password, fx.migrations.toString())) {
			child.awaitLine("STARTED", Duration.ofSeconds(60));
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (!fx.tables().contains("half_done")) {
				assertThat(child.process().isAlive()).as("the child ended before its first statement was seen:%n%s",
						child.output()).isTrue();
				assertThat(System.nanoTime() - deadline).as("no half_done table within 2 minutes").isNegative();
				Thread.sleep(20);
			}
			child.process().destroyForcibly();
			child.awaitExit(Duration.ofSeconds(30));
			assertThat(child.stdoutLines()).doesNotContain("DONE");
		}
		assertThat(fx.tables()).contains("half_done").doesNotContain("never_made");

		MigrationInfo info = fx.migrator().info().migrations().stream()
			.filter((m) -> m.version().toString().equals("2"))
			.findFirst()
			.orElseThrow();
		assertThat(info.state()).isEqualTo(MigrationState.FAILED);
		assertThat(info.failure()).contains("interrupted").contains("unknown how far it got");
		assertThat(fx.migrator().info().pending()).isEmpty();
		assertThatThrownBy(() -> fx.migrator().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("partially applied");

		List<String> before = MigrateScenarios.withoutLog(fx.dump());
		assertThatThrownBy(() -> fx.migrator().migrate()).isInstanceOfSatisfying(ValidationException.class, (ex) -> {
			assertThat(ex.reason()).isEqualTo(MigratorException.Reason.FAILED_MIGRATION_BLOCKS);
			assertThat(ex.facts()).containsEntry("version", "2").containsEntry("interrupted", "true");
		})
			.hasMessageContaining("Migration 2 (" + fx.migrations.resolve("2_half.sql") + ") is partially applied")
			.hasMessageContaining("unknown how far it got")
			.hasMessageContaining("mark it applied")
			.hasMessageContaining("forget it")
			.hasMessageNotContaining("repair()");
		assertThat(MigrateScenarios.withoutLog(fx.dump())).as("the refused run changed nothing").isEqualTo(before);
		assertThat(fx.tables()).doesNotContain("never_made");
	}

	private static void finishByHandAndMarkApplied(DatabaseFixture fx) throws Exception {
		fx.execute("CREATE TABLE never_made (id INTEGER)");
		assertThat(fx.migrator().markApplied("2").markedApplied()).extracting(Object::toString).containsExactly("2");
		assertThat(state(fx)).isEqualTo(MigrationState.APPLIED);
		assertThat(fx.migrator().migrate().migrations()).isEmpty();
		assertThat(fx.query("SELECT action FROM schema_migrations_log WHERE version = '2' ORDER BY id"))
			.containsExactly("start", "repair");
	}

	private static MigrationState state(DatabaseFixture fx) {
		return fx.migrator().info().migrations().stream()
			.filter((m) -> m.version().toString().equals("2"))
			.findFirst()
			.orElseThrow()
			.state();
	}

}
