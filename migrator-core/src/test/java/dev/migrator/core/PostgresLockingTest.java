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
	void fourJvmsStartedTogetherApplyEachMigrationExactlyOnce() throws Exception {
		List<ChildJvm> children = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				children.add(runner("runner-" + i, LockMode.AUTO, Duration.ofSeconds(30), 0));
			}
			int applied = 0;
			for (ChildJvm child : children) {
				assertThat(child.awaitExit(Duration.ofSeconds(90))).as(child.output()).isZero();
				applied += Integer.parseInt(child.awaitLine("DONE ", Duration.ofSeconds(1)).substring(5));
			}

			assertThat(applied).isEqualTo(MIGRATIONS);
			assertThatEachMigrationRanOnce();
		}
		finally {
			children.forEach(ChildJvm::close);
		}
	}

	@Test
	void aKilledHoldersAdvisoryLockIsFreeAtOnce() throws Exception {
		try (ChildJvm holder = runner("holder", LockMode.AUTO, Duration.ofSeconds(30), 600_000)) {
			holder.awaitLine("SLEEPING", Duration.ofSeconds(60));
			LockState held = this.fx.migrator().lockState();
			assertThat(held.held()).isTrue();
			assertThat(held.pid()).isEqualTo(holder.pid());

			holder.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			long start = System.nanoTime();
			RunResult result = this.fx.configure().lockWaitTimeout(Duration.ofSeconds(30)).load().migrate();

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(result.migrations()).extracting((m) -> m.version().toString()).containsExactly("2", "3", "4", "5", "6");
		}
		assertThatEachMigrationRanOnce();
	}

	@Test
	void aKilledHoldersLockTableRowIsTakenOverAfterTheLeaseAndTheTakeoverLogged() throws Exception {
		Duration lease = Duration.ofSeconds(1);
		try (ChildJvm holder = runner("holder", LockMode.TABLE, lease, 600_000)) {
			holder.awaitLine("SLEEPING", Duration.ofSeconds(60));
			Migrator next = this.fx.configure().lockMode(LockMode.TABLE).lock(Duration.ofSeconds(30), lease).load();
			assertThat(next.lockState().pid()).isEqualTo(holder.pid());
			// alive, it keeps its lease however long it holds: three leases here
			assertThatThrownBy(() -> this.fx.configure().lockMode(LockMode.TABLE).lock(lease.multipliedBy(3), lease).load().migrate())
				.isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("pid " + holder.pid());

			holder.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			long start = System.nanoTime();
			RunResult result = next.migrate();

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
			assertThat(result.migrations()).hasSize(MIGRATIONS - 1);
			assertThat(this.fx.query("SELECT error FROM schema_migrations_log WHERE action = 'lock_takeover'"))
				.singleElement().asString().contains("took over the lock from host ", "pid " + holder.pid());
		}
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
