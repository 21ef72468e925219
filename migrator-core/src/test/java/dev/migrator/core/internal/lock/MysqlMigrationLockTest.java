package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.testing.ChildJvm;
import dev.migrator.core.testing.MariaDbServer;
import dev.migrator.core.testing.TimingBounds;

/**
 * The lock contract on a real MariaDB server, each lock object on a connection of its own as
 * separate runners would have; and holders in other processes, named by their connection, and
 * freed by the server the moment they are killed.
 */
class MysqlMigrationLockTest extends MigrationLockContract {

	@TempDir
	Path dir;

	MariaDbServer server;

	String database;

	final List<Connection> connections = new ArrayList<>();

	@BeforeEach
	void createDatabase() {
		this.server = MariaDbServer.get();
		this.database = this.server.createDatabase();
	}

	@AfterEach
	void closeConnections() throws SQLException {
		synchronized (this.connections) {
			for (Connection connection : this.connections) {
				connection.close();
			}
		}
	}

	@Override
	protected MigrationLock lockOnTheDatabase() {
		try {
			Connection connection = this.server.connect(this.database);
			synchronized (this.connections) {
				this.connections.add(connection);
			}
			return MysqlMigrationLock.on(connection, "MariaDB");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ChildJvm holderInAnotherProcess() throws Exception {
		ChildJvm child = ChildJvm.start(this.dir, "holder", MysqlLockHoldingProcess.class, this.server.url(this.database),
				this.server.user(), this.server.password());
		child.awaitLine("ACQUIRED ", Duration.ofSeconds(30));
		return child;
	}

	private static long connectionId(ChildJvm child) throws InterruptedException {
		return Long.parseLong(child.awaitLine("ACQUIRED ", Duration.ofSeconds(1)).substring("ACQUIRED ".length()));
	}

	@Test
	void aHolderInAnotherProcessIsNamedByItsConnectionAndHowToEndIt() throws Exception {
		try (ChildJvm child = holderInAnotherProcess()) {
			long id = connectionId(child);

			assertThat(lockOnTheDatabase().holder()).hasValueSatisfying((holder) -> {
				assertThat(holder.host()).isEqualTo("127.0.0.1");
				assertThat(holder.ownerId()).isEqualTo("MariaDB connection " + id);
				assertThat(holder.known()).isFalse();
			});
			assertThatThrownBy(() -> acquire(Duration.ofMillis(400))).isInstanceOfSatisfying(LockTimeoutException.class,
					(ex) -> {
						assertThat(ex.holderHost()).contains("127.0.0.1");
						assertThat(ex.holderPid()).isEmpty();
						assertThat(ex.getMessage()).contains("Timed out after", "waiting for the migration lock on MariaDB "
								+ "database " + this.database, "held by MariaDB connection " + id + " (user migrator from "
										+ "127.0.0.1:", "Sleep for", "KILL " + id, "migrator.lock.wait-timeout (now 400ms)");
					});
		}
	}

	@Test
	void aLeaseWhoseConnectionTheServerEndedIsNoLongerHeldAndSaysSoBeforeTheNextCommit() throws Exception {
		LockLease lease = acquire(Duration.ZERO);
		lease.ensureHeld("committing migration 2 (add users)");
		Connection held;
		synchronized (this.connections) {
			held = this.connections.get(this.connections.size() - 1);
		}
		long id;
		try (Statement statement = held.createStatement(); ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
			rs.next();
			id = rs.getLong(1);
		}
		try (Connection admin = this.server.connect(this.database); Statement statement = admin.createStatement()) {
			statement.execute("KILL CONNECTION " + id);
		}

		assertThatThrownBy(() -> lease.ensureHeld("committing migration 2 (add users)"))
			.isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Lost the migration lock on MariaDB database " + this.database)
			.hasMessageContaining(" before committing migration 2 (add users): its connection failed")
			.hasMessageContaining("Run again");
		// the server freed it with the connection: once the run that lost it ends (and lets go of this JVM's own
		// lock), the next runner gets it at once, and the close of the dead connection harms no one
		lease.close();
		LockLease next = acquire(Duration.ZERO);
		next.ensureHeld("starting migration 3 (add tags)");
		next.close();
	}

	@Test
	void aHolderKilledWithSigkillIsReleasedByTheServerAtOnce() throws Exception {
		ChildJvm child = holderInAnotherProcess();
		assertThatThrownBy(() -> acquire(Duration.ZERO)).isInstanceOf(LockTimeoutException.class);

		child.process().destroyForcibly().waitFor();
		long start = System.nanoTime();
		LockLease lease = acquire(Duration.ofSeconds(10));

		if (TimingBounds.enforced()) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
		assertThat(lease.tookOverFrom()).isEmpty();
		assertThat(lease.holder().pid()).isEqualTo(ProcessHandle.current().pid());
		child.close();
	}

	@Test
	void aWaiterGetsTheLockOnceTheOtherProcessEnds() throws Exception {
		ChildJvm child = holderInAnotherProcess();
		Thread killer = new Thread(() -> {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			child.close();
		});
		killer.start();

		LockLease lease = acquire(Duration.ofSeconds(20));

		assertThat(lease.holder().known()).isTrue();
		killer.join();
	}

	@Test
	void theLockIsPerDatabaseAndItsNameFitsTheServersLimit() throws Exception {
		LockLease held = acquire(Duration.ZERO);
		String other = this.server.createDatabase();
		try (Connection connection = this.server.connect(other)) {
			MysqlMigrationLock lock = MysqlMigrationLock.on(connection, "MariaDB");
			assertThat(lock.lockName()).isEqualTo("migrator:" + other);
			lock.acquire(Duration.ZERO).close();
		}
		held.close();
		String longName = "d".repeat(64);
		assertThat(MysqlMigrationLock.lockName(longName)).hasSize(MysqlMigrationLock.MAX_NAME_LENGTH)
			.startsWith("migrator:")
			.isNotEqualTo(MysqlMigrationLock.lockName("e".repeat(64)));
	}

	@Test
	void aConnectionWithoutADatabaseCannotBeLocked() throws Exception {
		try (Connection connection = this.server.connect("")) {
			assertThatThrownBy(() -> MysqlMigrationLock.on(connection, "MariaDB"))
				.hasMessageContaining("The MariaDB connection has no current database")
				.hasMessageContaining("jdbc:mariadb://host:3306/app");
		}
	}

	@Test
	void whoHoldsItIsDescribedEvenWhenTheServerHidesTheConnection() {
		MysqlMigrationLock.ServerSession hidden = new MysqlMigrationLock.ServerSession("MySQL", 7, null, null, null, -1);
		MysqlMigrationLock.ServerSession seen = new MysqlMigrationLock.ServerSession("MySQL", 7, "app", "10.0.0.5:52344",
				"Query", 185);

		assertThat(hidden.describe()).isEqualTo("MySQL connection 7 (who it is cannot be seen: that takes the PROCESS "
				+ "privilege)");
		assertThat(hidden.toLockHolder().host()).isEqualTo("unknown");
		assertThat(seen.describe()).isEqualTo("MySQL connection 7 (user app from 10.0.0.5:52344, Query for 3m 05s)");
		assertThat(seen.clientHost()).isEqualTo("10.0.0.5");
		assertThat(new MysqlMigrationLock.ServerSession("MySQL", 7, "app", "::1", "Sleep", 0).clientHost()).isEqualTo("::1");
	}

	@Test
	void aWaiterInterruptedBehindAnotherProcessFailsSayingSoAndLeavesNothingHeld() throws Exception {
		try (ChildJvm child = holderInAnotherProcess()) {
			long id = connectionId(child);
			MigrationLock lock = lockOnTheDatabase();
			ExecutorService thread = Executors.newSingleThreadExecutor();
			try {
				Future<LockLease> waiter = thread.submit(() -> lock.acquire(Duration.ofSeconds(30)));
				Thread.sleep(500);
				thread.shutdownNow(); // interrupts the waiter

				assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LockTimeoutException.class)
					.cause()
					.hasMessageStartingWith("Interrupted after")
					.hasMessageContaining("held by MariaDB connection " + id)
					.hasMessageContaining("asked to stop");
			}
			finally {
				thread.shutdownNow();
			}
			child.process().destroyForcibly().waitFor();
			// the interrupted waiter let go of this JVM's share of the lock: the next one gets it
			lockOnTheDatabase().acquire(Duration.ofSeconds(10)).close();
		}
	}

	@Test
	@SuppressWarnings("try") // the child holds the lock until the block ends
	void aWaiterWhoseConnectionIsKilledIsToldToCheckTheDatabase() throws Exception {
		try (ChildJvm child = holderInAnotherProcess()) {
			Connection connection = this.server.connect(this.database);
			synchronized (this.connections) {
				this.connections.add(connection);
			}
			long waiterId;
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
				rs.next();
				waiterId = rs.getLong(1);
			}
			MysqlMigrationLock lock = MysqlMigrationLock.on(connection, "MariaDB");
			ExecutorService thread = Executors.newSingleThreadExecutor();
			try {
				Future<LockLease> waiter = thread.submit(() -> lock.acquire(Duration.ofSeconds(30)));
				Thread.sleep(500);
				try (Connection admin = this.server.connect(this.database); Statement statement = admin.createStatement()) {
					statement.execute("KILL " + waiterId);
				}

				assertThatThrownBy(() -> waiter.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(MigratorException.class)
					.cause()
					.hasMessageStartingWith("Could not take the migration lock " + lock.lockName() + " (GET_LOCK) on")
					.hasMessageEndingWith("check that the database is reachable, then run again");
				// a look over the dead connection cannot tell who holds it, and says so rather than failing
				assertThat(lock.holder()).hasValueSatisfying((holder) -> assertThat(holder.known()).isFalse());
			}
			finally {
				thread.shutdownNow();
			}
		}
	}

}
