package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;

/**
 * While a SQLite migration holds the lock and writes, a read-only command answers (who migrates, since
 * when, the state as of its last commit) and a second runner waits for the lock instead of failing
 * with SQLITE_BUSY, in rollback-journal mode (where the writer's exclusive lock shuts readers out) and in
 * WAL mode. The migration is held mid-way by a latch, not by sleeps.
 */
class MigrationInProgressTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	HeldMigration held;

	ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		this.held = new HeldMigration("2");
	}

	@AfterEach
	void tearDown() throws Exception {
		this.held.release.countDown();
		this.threads.shutdown();
		assertThat(this.threads.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "DELETE", "WAL" })
	void readOnlyCommandsAnswerDuringAMigrationAndASecondRunnerWaits(String journalMode) throws Exception {
		this.fx.migrator().migrate();
		this.fx.execute("PRAGMA journal_mode = " + journalMode);
		Future<RunResult> migration = this.threads.submit(() -> migrator().migrate());
		assertThat(this.held.reached.await(2, TimeUnit.MINUTES)).isTrue();
		boolean rollbackJournal = journalMode.equals("DELETE");
		// the adversarial condition is real: in rollback-journal mode no reader gets in now
		assertThat(readerIsShutOut()).isEqualTo(rollbackJournal);

		Migrator other = migrator();
		long start = System.nanoTime();
		InfoResult status = this.threads.submit(other::status).get(2, TimeUnit.MINUTES);
		// a figure for docs/SAFETY.md, not an assertion: the machine's load decides it
		System.out.printf("[in-progress] %s: status answered in %d ms during the migration%n", journalMode,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		InfoResult info = this.threads.submit(other::info).get(2, TimeUnit.MINUTES);
		LockState lock = this.threads.submit(other::lockState).get(2, TimeUnit.MINUTES);
		this.threads.submit(() -> other.log(10)).get(2, TimeUnit.MINUTES);

		assertThat(migration).as("answered while the migration was held").isNotDone();
		assertThat(lock.held()).isTrue();
		assertThat(lock.pid()).isEqualTo(ProcessHandle.current().pid());
		for (InfoResult answer : new InfoResult[] { status, info }) {
			assertThat(answer.currentVersion()).hasToString("1");
			if (rollbackJournal) {
				assertThat(answer.warnings()).anySatisfy((w) -> assertThat(w).contains("A migration is in progress")
					.contains("pid " + ProcessHandle.current().pid())
					.contains("as of its last commit is version 1"));
			}
			else {
				assertThat(answer.pending()).extracting((m) -> m.version().toString()).containsExactly("2");
			}
		}
		if (rollbackJournal) {
			assertThatThrownBy(() -> this.threads.submit(other::validate).get(2, TimeUnit.MINUTES))
				.hasCauseInstanceOf(MigratorException.class)
				.hasMessageContaining("a migration is in progress");
		}
		else {
			assertThat(this.threads.submit(other::validate).get(2, TimeUnit.MINUTES).migrationsChecked()).isEqualTo(2);
		}

		AtomicReference<Thread> secondThread = new AtomicReference<>();
		Future<RunResult> second = this.threads.submit(() -> {
			secondThread.set(Thread.currentThread());
			return migrator().migrate();
		});
		awaitWaitingForTheLock(secondThread, second);
		this.held.release.countDown();

		assertThat(migration.get(2, TimeUnit.MINUTES).migrations()).hasSize(1);
		RunResult afterwards = second.get(2, TimeUnit.MINUTES);
		assertThat(afterwards.migrations()).isEmpty();
		assertThat(afterwards.currentVersion()).hasToString("2");
		assertThat(this.fx.query("SELECT count(*) FROM blobs")).containsExactly("1");
	}

	/** A migrator of its own (its own DataSource), as a second process would have. */
	private Migrator migrator() {
		return this.fx.configure().javaMigrations(this.held).load();
	}

	private boolean readerIsShutOut() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.fx.url());
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 0");
			statement.executeQuery("SELECT count(*) FROM schema_migrations").close();
			return false;
		}
		catch (SQLException ex) {
			if ((ex.getErrorCode() & 0xff) == 5) {
				return true;
			}
			throw ex;
		}
	}

	/** Until the runner's thread is inside the lock's wait (or it ended, which the caller then reports). */
	private static void awaitWaitingForTheLock(AtomicReference<Thread> thread, Future<?> run) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (System.nanoTime() < deadline && !run.isDone()) {
			Thread t = thread.get();
			if (t != null && Arrays.stream(t.getStackTrace())
				.anyMatch((frame) -> frame.getClassName().startsWith("dev.migrator.core.internal.lock.")
						&& (frame.getMethodName().equals("lockWithin") || frame.getMethodName().equals("enter")))) {
				return;
			}
			Thread.sleep(20);
		}
		assertThat(run).as("the second runner waits for the lock").isNotDone();
		throw new AssertionError("the second runner never reached the lock's wait");
	}

}
