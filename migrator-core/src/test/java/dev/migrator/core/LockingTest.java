package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import dev.migrator.core.internal.lock.FileMigrationLock;
import dev.migrator.core.internal.lock.LockLease;

/** The lock as the engine uses it, on a real SQLite file. */
class LockingTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	final ExecutorService threads = Executors.newFixedThreadPool(4);

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		for (int i = 1; i <= 5; i++) {
			this.fx.write(i + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id INTEGER);\nINSERT INTO t" + i + " VALUES (" + i + ");");
		}
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void runnersStartedTogetherApplyEachMigrationExactlyOnce() throws Exception {
		List<Future<RunResult>> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			runs.add(this.threads.submit(() -> this.fx.migrator().migrate()));
		}
		int applied = 0;
		for (Future<RunResult> run : runs) {
			applied += run.get(60, TimeUnit.SECONDS).migrations().size();
		}

		assertThat(applied).isEqualTo(5);
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations_log WHERE action = 'migrate'")).containsExactly("5");
		assertThat(this.fx.query("SELECT count(*) FROM t3")).containsExactly("1");
	}

	@Test
	@SuppressWarnings("try") // the lease holds the lock until the block ends; the test only holds it
	void runnerWaitsForTheHolderThenFailsNamingIt() throws Exception {
		FileMigrationLock lock = new FileMigrationLock(Path.of(this.fx.db + FileMigrationLock.SUFFIX), "the test");
		try (LockLease held = lock.acquire(Duration.ZERO)) {
			Migrator migrator = this.fx.configure().lockWaitTimeout(Duration.ofMillis(300)).load();

			LockState state = migrator.lockState();
			assertThat(state.held()).isTrue();
			assertThat(state.pid()).isEqualTo(ProcessHandle.current().pid());
			assertThatThrownBy(migrator::migrate)
				.isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("pid " + ProcessHandle.current().pid());
			assertThatThrownBy(() -> migrator.rollback(1)).isInstanceOf(LockTimeoutException.class);
		}
		assertThat(this.fx.tables()).isEmpty();
		assertThat(this.fx.migrator().lockState()).isEqualTo(LockState.FREE);
	}

	@Test
	void holderThatDiedIsTakenOverAndTheTakeoverLogged() throws Exception {
		// what a runner killed with SIGKILL leaves behind: its identity in the lock file, no OS lock
		Files.writeString(Path.of(this.fx.db + FileMigrationLock.SUFFIX),
				"host=build-7\npid=4242\nowner=dead-runner\nsince=2026-11-20T03:12:04Z\n");

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT action, success, error FROM schema_migrations_log WHERE action = 'lock_takeover'"))
			.singleElement().asString()
			.contains("lock_takeover|1|took over the lock from host build-7, pid 4242, since 2026-11-20T03:12:04Z");
		assertThat(Files.readString(Path.of(this.fx.db + FileMigrationLock.SUFFIX))).isEmpty();
	}

}
