package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;

/**
 * The PostgreSQL locks when their connection fails, on the test server: a pool with no connection to
 * spare, a connection the server ended while the lock held or waited on it. Each time the runner is
 * told what happened and what to do, and the lock is left so that the next runner gets it.
 */
class PostgresLockFailureTest {

	private final PostgresLocks locks = new PostgresLocks();

	private PrintStream originalErr;

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	@BeforeEach
	void captureTheLog() {
		// slf4j-simple writes to the current System.err
		this.originalErr = System.err;
		System.setErr(new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restoreTheLog() {
		System.setErr(this.originalErr);
	}

	private String log() {
		return this.log.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aPoolWithNoConnectionToSpareIsNamedAsTheReasonAndTheAdviceIsToRaiseItsSize() {
		DataSource exhausted = new FailingDataSource(this.locks.dataSource, () -> {
			throw new SQLException("Connection is not available, request timed out after 30000ms");
		});
		MigrationLock[] lockKinds = { PostgresAdvisoryLock.sessionLevel(exhausted, this.locks.key, "test database"),
				new LockTableMigrationLock(exhausted, this.locks.schema + ".schema_migrations_lock", java.util.List.of(),
						Duration.ofSeconds(30), "test database") };
		for (MigrationLock lock : lockKinds) {
			assertThatThrownBy(() -> lock.acquire(Duration.ZERO)).as(lock.toString())
				.isInstanceOf(MigratorException.class)
				.hasMessageContaining("Could not open a connection for the migration lock on test database")
				.hasMessageContaining("request timed out")
				.hasMessageContaining("raise the pool size if it is 1");
		}
		// nothing was taken: the lock is free for a runner with a connection
		try (LockLease lease = this.locks.session().acquire(Duration.ZERO)) {
			assertThat(lease.holder().isThisProcess()).isTrue();
		}
	}

	@Test
	void aConnectionTheServerEndedBeforeTheLookIsReportedAsSuch() {
		DataSource handsOutDeadConnections = new FailingDataSource(this.locks.dataSource, () -> {
			Connection connection = this.locks.dataSource.getConnection();
			terminate("pid = " + backendOf(connection));
			return connection;
		});

		assertThatThrownBy(() -> PostgresAdvisoryLock.sessionLevel(handsOutDeadConnections, this.locks.key, "test database")
			.holder()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Could not read who holds the advisory lock on test database: ");
		assertThatThrownBy(() -> PostgresAdvisoryLock.sessionLevel(handsOutDeadConnections, this.locks.key, "test database")
			.acquire(Duration.ZERO)).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Could not take the advisory lock on test database: ")
			.hasMessageEndingWith("check that the database is reachable, then run again");
	}

	@Test
	void aTransactionLevelHolderWhoseConnectionIsEndedSaysItLostTheLockAndTheNextRunnerHasIt() throws Exception {
		LockLease held = this.locks.transaction(Duration.ofMillis(300)).acquire(Duration.ZERO);
		terminate("application_name LIKE '" + PostgresAdvisoryLock.TAG + held.holder().pid() + ";"
				+ held.holder().ownerId() + "%'");

		awaitLog("Lost the migration lock on test database " + this.locks.schema + ": its connection failed");
		try (LockLease next = this.locks.transaction(Duration.ofMillis(300)).acquire(Duration.ofSeconds(5))) {
			assertThat(next.holder().ownerId()).isNotEqualTo(held.holder().ownerId());
		}
		held.close(); // on a dead connection: says so in the log, throws nothing
		assertThat(log()).contains("closing its connection releases it");
	}

	@Test
	void aLockTableHolderWhoseRowAnotherRunnerTookOverSaysSoAtItsNextBeatAndLeavesTheNewRowAlone() throws Exception {
		LockTableMigrationLock lock = this.locks.table(Duration.ofMillis(300));
		LockLease held = lock.acquire(Duration.ZERO);
		// what a runner does that found this one's heartbeat still for a whole lease (a suspended VM)
		try (Connection admin = this.locks.dataSource.getConnection(); Statement statement = admin.createStatement()) {
			statement.executeUpdate("UPDATE " + this.locks.schema + ".schema_migrations_lock SET owner_id = 'the-next',"
					+ " heartbeats = 0, heartbeat_at = CURRENT_TIMESTAMP");
		}

		awaitLog("Lost the migration lock on test database " + this.locks.schema + ": another runner took it over");
		assertThat(log()).contains("Raise migrator.lock.lease");
		held.close();
		try (Connection admin = this.locks.dataSource.getConnection(); Statement statement = admin.createStatement();
				ResultSet rs = statement.executeQuery("SELECT owner_id FROM " + this.locks.schema + ".schema_migrations_lock")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).as("the stale lease did not free the next runner's lock").isEqualTo("the-next");
		}
	}

	@Test
	void aLockTableHolderWhoseConnectionIsEndedKeepsTryingAndTheNextRunnerTakesOverAfterTheLease() throws Exception {
		Duration lease = Duration.ofMillis(600);
		LockLease held = this.locks.table(lease).acquire(Duration.ZERO);
		terminate("query LIKE '%" + this.locks.schema + ".schema_migrations_lock%'");

		awaitLog("Heartbeat of the migration lock on test database " + this.locks.schema + " failed");
		held.close(); // cannot delete its row: says the next runner takes over after the lease, throws nothing
		assertThat(log()).contains("Could not release the migration lock on test database " + this.locks.schema)
			.contains("the next runner takes it over after the lease (600ms)");

		try (LockLease next = this.locks.table(lease).acquire(new Configuration.Lock(Duration.ofSeconds(20), lease))) {
			assertThat(next.tookOverFrom()).hasValueSatisfying(
					(previous) -> assertThat(previous.ownerId()).isEqualTo(held.holder().ownerId()));
		}
	}

	@Test
	void aLockTableOfAnotherShapeIsNamedWithTheServersReasonInsteadOfBeingWaitedOn() throws Exception {
		String table = this.locks.schema + ".schema_migrations_lock";
		try (Connection admin = this.locks.dataSource.getConnection(); Statement statement = admin.createStatement()) {
			// as another tool (or a hand) made it: an owner column too short for a runner's identity
			statement.execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, owner_id VARCHAR(4) NOT NULL,"
					+ " host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, acquired_at TIMESTAMPTZ NOT NULL,"
					+ " heartbeat_at TIMESTAMPTZ NOT NULL, heartbeats BIGINT NOT NULL)");
		}

		assertThatThrownBy(() -> this.locks.table(Duration.ofSeconds(30)).acquire(Duration.ofSeconds(5)))
			.isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Could not use the lock table " + table + " of test database " + this.locks.schema)
			.hasMessageContaining("value too long")
			.hasMessageEndingWith("check that this user may create and write that table, then run again");
		assertThat(this.locks.table(Duration.ofSeconds(30)).holder()).as("nobody holds it").isEmpty();
	}

	private void awaitLog(String text) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!log().contains(text) && System.nanoTime() - deadline < 0) {
			Thread.sleep(20);
		}
		assertThat(log()).contains(text);
	}

	private static int backendOf(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			return rs.getInt(1);
		}
	}

	/** Ends the server processes matching {@code condition}, as an operator or a failing network would. */
	private void terminate(String condition) throws SQLException {
		try (Connection admin = this.locks.dataSource.getConnection(); Statement statement = admin.createStatement();
				ResultSet rs = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
						+ condition + " AND pid <> pg_backend_pid()")) {
			rs.next();
			assertThat(rs.getInt(1)).as("server processes ended").isPositive();
		}
	}

	/** A real DataSource whose getConnection does what the test says: a pool in trouble. */
	private static final class FailingDataSource implements DataSource {

		private final DataSource real;

		private final Callable<Connection> connect;

		FailingDataSource(DataSource real, Callable<Connection> connect) {
			this.real = real;
			this.connect = connect;
		}

		@Override
		public Connection getConnection() throws SQLException {
			try {
				return this.connect.call();
			}
			catch (SQLException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return this.real.getLogWriter();
		}

		@Override
		public void setLogWriter(PrintWriter out) throws SQLException {
			this.real.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			this.real.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return this.real.getLoginTimeout();
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			return this.real.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return this.real.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return this.real.isWrapperFor(type);
		}

	}

}
