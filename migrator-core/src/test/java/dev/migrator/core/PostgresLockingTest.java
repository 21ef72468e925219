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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.testing.ChildJvm;

/** The migration lock as the engine uses it on PostgreSQL, across threads and real separate JVMs. */
class PostgresLockingTest {

	private static final int MIGRATIONS = 6;

	@TempDir
	Path dir;

	PostgresFixture fx;

	final ExecutorService threads = Executors.newFixedThreadPool(8);

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		for (int i = 1; i <= MIGRATIONS; i++) {
			this.fx.write(i + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id INTEGER);\nINSERT INTO t" + i + " VALUES (" + i + ");");
		}
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	@ParameterizedTest
	@EnumSource(value = LockMode.class, names = { "AUTO", "SESSION", "TABLE" })
	void eightThreadsStartedTogetherApplyEachMigrationExactlyOnce(LockMode mode) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<RunResult>> runs = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			runs.add(this.threads.submit(() -> {
				start.await();
				return this.fx.configure().lockMode(mode).load().migrate();
			}));
		}
		start.countDown();
		int applied = 0;
		for (Future<RunResult> run : runs) {
			applied += run.get(60, TimeUnit.SECONDS).migrations().size();
		}

		assertThat(applied).isEqualTo(MIGRATIONS);
		assertThatEachMigrationRanOnce();
	}

	@Test
	void aWaitingRunnerFailsNamingTheHolderAndTouchesNothing() throws Exception {
		try (ChildJvm holder = runner("holder", LockMode.SESSION, Duration.ofSeconds(30), 600_000)) {
			holder.awaitLine("SLEEPING", Duration.ofSeconds(60));
			long tablesBefore = this.fx.tables().size();

			assertThatThrownBy(() -> this.fx.configure().lockMode(LockMode.SESSION).lockWaitTimeout(Duration.ofMillis(500)).load().migrate())
				.isInstanceOfSatisfying(LockTimeoutException.class, (ex) -> assertThat(ex.holderPid()).hasValue(holder.pid()))
				.hasMessageContaining("Timed out after")
				.hasMessageContaining("pid " + holder.pid());
			assertThat(this.fx.tables()).hasSize((int) tablesBefore);
		}
		assertThat(this.fx.migrator().lockState()).isEqualTo(LockState.FREE);
	}

	private ChildJvm runner(String name, LockMode mode, Duration lease, long sleepMillis) throws Exception {
		return ChildJvm.start(this.dir, name, PostgresRunner.class, this.fx.url(), this.fx.migrations.toString(),
				mode.name(), String.valueOf(lease.toMillis()), String.valueOf(sleepMillis));
	}

	private void assertThatEachMigrationRanOnce() throws Exception {
		assertThat(this.fx.query("SELECT version, count(*) FROM schema_migrations_log WHERE action = 'migrate' AND success"
				+ " GROUP BY version HAVING count(*) > 1")).isEmpty();
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE status = 'applied'"))
			.containsExactly(String.valueOf(MIGRATIONS));
		for (int i = 1; i <= MIGRATIONS; i++) {
			assertThat(this.fx.query("SELECT count(*) FROM t" + i)).containsExactly("1");
		}
	}

}
