package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.internal.lock.MysqlLockHoldingProcess;
import dev.migrator.core.testing.ChildJvm;

/** Many runners on one MariaDB database at once, in threads and in separate JVMs: each migration runs exactly once. */
class MariaDbConcurrencyTest {

	static final int MIGRATIONS = 5;

	@TempDir
	Path dir;

	MariaDbFixture db;

	final ExecutorService threads = Executors.newFixedThreadPool(8);

	@BeforeEach
	void setUp() throws Exception {
		this.db = new MariaDbFixture(this.dir);
		for (int i = 1; i <= MIGRATIONS; i++) {
			// the sleep keeps each migration running while the other runners arrive
			this.db.write(i + "_t" + i + ".sql",
					"CREATE TABLE t" + i + " (id INT PRIMARY KEY);\nINSERT INTO t" + i + " VALUES (" + i + ");\nDO SLEEP(0.05);");
		}
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	private void assertEachMigrationAppliedExactlyOnce() throws Exception {
		assertThat(this.db.query("SELECT version, count(*) FROM schema_migrations_log WHERE action = 'migrate' "
				+ "GROUP BY version ORDER BY version")).containsExactly("1|1", "2|1", "3|1", "4|1", "5|1");
		for (int i = 1; i <= MIGRATIONS; i++) {
			assertThat(this.db.query("SELECT count(*) FROM t" + i)).containsExactly("1");
		}
	}

	@Test
	void eightThreadsStartedTogetherApplyEachMigrationExactlyOnce() throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<RunResult>> runs = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			runs.add(this.threads.submit(() -> {
				start.await();
				return this.db.migrator().migrate();
			}));
		}
		start.countDown();
		int applied = 0;
		int withBackup = 0;
		for (Future<RunResult> run : runs) {
			RunResult result = run.get(60, TimeUnit.SECONDS);
			applied += result.migrations().size();
			withBackup += (result.backup() != null) ? 1 : 0;
		}

		assertThat(applied).isEqualTo(MIGRATIONS);
		assertThat(withBackup).as("only runs that found work take a backup").isBetween(1, MIGRATIONS);
		assertEachMigrationAppliedExactlyOnce();
	}

	@Test
	void aRunnerWaitsForAHolderInAnotherProcessThenFailsNamingItsConnection() throws Exception {
		try (ChildJvm holder = ChildJvm.start(this.dir, "holder", MysqlLockHoldingProcess.class,
				this.db.server.url(this.db.database), this.db.server.user(), this.db.server.password())) {
			long id = Long.parseLong(holder.awaitLine("ACQUIRED ", Duration.ofSeconds(30)).substring(9));
			Migrator migrator = this.db.configure().lockWaitTimeout(Duration.ofMillis(300)).load();

			LockState state = migrator.lockState();
			assertThat(state.held()).isTrue();
			assertThat(state.host()).isEqualTo("127.0.0.1");
			assertThatThrownBy(migrator::migrate).isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("held by MariaDB connection " + id)
				.hasMessageContaining("KILL " + id);
			assertThat(this.db.tables()).isEmpty();
		}
		// the server frees the lock once it sees the killed holder's connection close: milliseconds
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.db.migrator().lockState().held() && System.nanoTime() - deadline < 0) {
			Thread.sleep(20);
		}
		assertThat(this.db.migrator().lockState()).isEqualTo(LockState.FREE);
		assertThat(this.db.migrator().migrate().migrations()).hasSize(MIGRATIONS);
	}

}
