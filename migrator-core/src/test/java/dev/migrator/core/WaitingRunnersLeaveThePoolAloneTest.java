package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.migrator.core.api.RunResult;

/**
 * Runners waiting for the migration lock hold none of the application's pooled connections: while one
 * migration is held mid-way, eight threads call migrate and rollback through the same pool, and the
 * application still gets a connection for its own {@code SELECT 1}. SQLite (the file lock needs no
 * connection: pool of 2) and PostgreSQL (the advisory lock needs one of its own: pool of 3).
 */
class WaitingRunnersLeaveThePoolAloneTest {

	private static final int WAITERS = 8;

	@TempDir
	Path dir;

	final ExecutorService threads = Executors.newCachedThreadPool();

	HeldMigration held;

	@AfterEach
	void tearDown() throws Exception {
		if (this.held != null) {
			this.held.release.countDown();
		}
		this.threads.shutdown();
		assertThat(this.threads.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
	}

	@Test
	void sqliteWaitersQueueWithoutAConnection() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		fx.migrator().migrate();
		// small: a writer that spills its cache would shut the application's reads out, whatever the pool
		this.held = new HeldMigration("2", "CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)");
		try (HikariDataSource pool = pool(fx.url(), 2)) {
			appStillServedWhileRunnersWait(fx.configure().dataSource(pool).javaMigrations(this.held).load(), pool);
		}
	}

	@Test
	void postgresWaitersInThisJvmQueueBeforeTakingAConnection() throws Exception {
		PostgresFixture fx = new PostgresFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		fx.migrator().migrate();
		this.held = new HeldMigration("2", "CREATE TABLE blobs (id INTEGER PRIMARY KEY, data TEXT)");
		// the holder uses two: its session, and the connection its advisory lock lives on
		try (HikariDataSource pool = pool(fx.url(), 3)) {
			appStillServedWhileRunnersWait(fx.configure().dataSource(pool).javaMigrations(this.held).load(), pool);
		}
	}

	private void appStillServedWhileRunnersWait(Migrator migrator, DataSource pool) throws Exception {
		Future<RunResult> migration = this.threads.submit(() -> migrator.migrate());
		assertThat(this.held.reached.await(2, TimeUnit.MINUTES)).isTrue();
		List<Thread> waiterThreads = new ArrayList<>();
		List<Future<?>> waiters = new ArrayList<>();
		for (int i = 0; i < WAITERS; i++) {
			boolean rollback = i % 4 == 3;
			waiters.add(this.threads.submit(() -> {
				synchronized (waiterThreads) {
					waiterThreads.add(Thread.currentThread());
				}
				return rollback ? migrator.rollback(1) : migrator.migrate();
			}));
		}
		awaitAllWaiting(waiterThreads);

		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT 1")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getInt(1)).isEqualTo(1);
		}
		assertThat(migration).as("the application was served while the migration was held").isNotDone();

		this.held.release.countDown();
		assertThat(migration.get(2, TimeUnit.MINUTES).migrations()).hasSize(1);
		for (Future<?> waiter : waiters) {
			try {
				waiter.get(2, TimeUnit.MINUTES);
			}
			catch (ExecutionException ex) {
				// a rollback may be refused (no down for 1, data in the way): never for want of a connection
				assertThat(causes(ex)).noneMatch(SQLTransientConnectionException.class::isInstance);
				assertThat(ex.getCause()).hasMessageNotContaining("Could not connect");
			}
		}
	}

	private static HikariDataSource pool(String url, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		// generous: a starved pool shows here as a failure, a loaded machine does not
		config.setConnectionTimeout(20_000);
		return new HikariDataSource(config);
	}

	/** Until every waiter is parked inside a wait: the migration lock's queue, or (if broken) the pool's. */
	private static void awaitAllWaiting(List<Thread> waiterThreads) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (System.nanoTime() < deadline) {
			List<Thread> snapshot;
			synchronized (waiterThreads) {
				snapshot = List.copyOf(waiterThreads);
			}
			if (snapshot.size() == WAITERS && snapshot.stream().allMatch(WaitingRunnersLeaveThePoolAloneTest::waiting)) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the waiters never all reached a wait");
	}

	private static boolean waiting(Thread thread) {
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> (frame.getClassName().startsWith("dev.migrator.core.internal.lock.")
					&& (frame.getMethodName().equals("enter") || frame.getMethodName().equals("lockWithin")))
					|| frame.getClassName().startsWith("com.zaxxer.hikari.pool.HikariPool")
					|| frame.getClassName().startsWith("dev.migrator.core.internal.lock.PostgresAdvisoryLock"));
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			causes.add(t);
		}
		return causes;
	}

}
