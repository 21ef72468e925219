package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.testing.TimingBounds;

/** What the PostgreSQL locks do beyond the contract: leases, heartbeats, holders that are not ours, lost connections. */
class PostgresLockBehaviourTest {

	private final PostgresLocks locks = new PostgresLocks();

	@Test
	void aLiveLockTableHolderIsNeverOvertakenThoughItHoldsForFiveLeases() throws Exception {
		// a lease well above a busy machine's scheduling pauses: a heartbeat thread starved for a whole
		// lease would lose the lock, as it should
		Duration lease = Duration.ofMillis(1000);
		try (LockLease holder = this.locks.table(lease).acquire(Duration.ZERO)) {
			long start = System.nanoTime();
			assertThatThrownBy(() -> this.locks.table(lease).acquire(lease.multipliedBy(5)))
				.isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("pid " + holder.holder().pid());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(lease.multipliedBy(5));
			assertThat(this.locks.table(lease).holder()).hasValueSatisfying(
					(seen) -> assertThat(seen.ownerId()).isEqualTo(holder.holder().ownerId()));
			// how many beats fit depends on scheduling; that it beat at all is the property
			assertThat(heartbeats()).as("beats, one every third of the lease")
				.isGreaterThanOrEqualTo(TimingBounds.enforced() ? 5 : 1);
		}
	}

	@Test
	void aLockTableHolderWhoseHeartbeatStoppedIsTakenOverAfterTheLeaseAndNamed() throws Exception {
		Duration lease = Duration.ofMillis(500);
		this.locks.table(lease).acquire(Duration.ZERO).close();
		Instant since = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
		try (Connection connection = this.locks.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO schema_migrations_lock"
						+ " (id, owner_id, host, pid, acquired_at, heartbeat_at, heartbeats)"
						+ " VALUES (1, 'dead-owner', 'build-7', 4242, ?, CURRENT_TIMESTAMP, 3)")) {
			insert.setTimestamp(1, Timestamp.from(since));
			insert.executeUpdate();
		}
		assertThat(this.locks.table(lease).holder()).hasValueSatisfying((holder) -> assertThat(holder.pid()).isEqualTo(4242));
		long start = System.nanoTime();

		try (LockLease lease2 = this.locks.table(lease).acquire(Duration.ofSeconds(10))) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
			assertThat(lease2.tookOverFrom()).hasValueSatisfying((dead) -> {
				assertThat(dead.host()).isEqualTo("build-7");
				assertThat(dead.pid()).isEqualTo(4242);
				assertThat(dead.since()).isEqualTo(since);
			});
		}
		assertThat(this.locks.table(lease).holder()).isEmpty();
	}

	@Test
	void aLockTableWithoutItsTableHasNoHolderAndTheLookCreatesNothing() throws Exception {
		assertThat(this.locks.table(Duration.ofSeconds(30)).holder()).isEmpty();
		try (Connection connection = this.locks.dataSource.getConnection();
				ResultSet rs = connection.getMetaData().getTables(null, this.locks.schema, "schema_migrations_lock", null)) {
			assertThat(rs.next()).isFalse();
		}
	}

	@Test
	void aLockTableThatCannotBeCreatedFailsSayingWhy() {
		LockTableMigrationLock lock = new LockTableMigrationLock(this.locks.dataSource, "no_such_schema.lock_table",
				java.util.List.of("CREATE TABLE no_such_schema.lock_table (id INTEGER)"), Duration.ofSeconds(1), "test");

		assertThatThrownBy(() -> lock.acquire(Duration.ZERO)).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Could not use the lock table no_such_schema.lock_table")
			.hasMessageContaining("may create and write that table");
	}

	@Test
	void anAdvisoryLockHeldByAnotherToolIsNamedByItsServerProcess() throws Exception {
		try (Connection other = this.locks.dataSource.getConnection(); Statement statement = other.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + this.locks.key + ")");
			int backend;
			try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
				rs.next();
				backend = rs.getInt(1);
			}

			assertThat(this.locks.session().holder()).hasValueSatisfying((holder) -> {
				assertThat(holder.pid()).isEqualTo(backend);
				assertThat(holder.host()).contains("PostgreSQL server process " + backend);
			});
			assertThatThrownBy(() -> this.locks.transaction(Duration.ofSeconds(30)).acquire(Duration.ofMillis(200)))
				.isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("PostgreSQL server process " + backend);
		}
	}

	@Test
	void anAdvisoryLockDiesWithItsConnectionAndTheNextRunnerHasItAtOnce() throws Exception {
		for (PostgresAdvisoryLock lock : new PostgresAdvisoryLock[] { this.locks.session(),
				this.locks.transaction(Duration.ofSeconds(30)) }) {
			LockLease held = lock.acquire(Duration.ZERO);
			try (Connection admin = this.locks.dataSource.getConnection(); Statement statement = admin.createStatement()) {
				// what the server does when a holder is killed: its backend ends
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE '"
						+ PostgresAdvisoryLock.TAG + held.holder().pid() + ";" + held.holder().ownerId() + "%'");
			}
			long start = System.nanoTime();
			try (LockLease next = lock.acquire(Duration.ofSeconds(5))) {
				if (TimingBounds.enforced()) {
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
				}
				assertThat(next.tookOverFrom()).isEmpty();
			}
			held.close();
		}
	}

	@Test
	void theTransactionLevelLockKeepsItsTransactionAliveAndAsksTheServerToEndItWhenItsHolderVanishes()
			throws Exception {
		// the keep-alive beats every third of the lease; a lease well above a busy machine's pauses
		Duration lease = Duration.ofMillis(1500);
		try (LockLease held = this.locks.transaction(lease).acquire(Duration.ZERO)) {
			Thread.sleep(lease.multipliedBy(3).toMillis());
			try (Connection admin = this.locks.dataSource.getConnection(); Statement statement = admin.createStatement();
					ResultSet rs = statement.executeQuery("SELECT state FROM pg_stat_activity WHERE application_name LIKE '"
							+ PostgresAdvisoryLock.TAG + held.holder().pid() + ";" + held.holder().ownerId() + "%'")) {
				assertThat(rs.next()).as("the holder's connection is still there").isTrue();
				assertThat(rs.getString(1)).startsWith("idle in transaction");
			}
			assertThat(xminsHeldBackBy(held.holder())).as("transactions of the holder with a snapshot").isZero();
			assertThat(this.locks.transaction(lease).holder()).isPresent();
		}
	}

	@Test
	@SuppressWarnings("try") // closing the lease inside its block is the point: it hands the lock over
	void neitherTheTransactionLevelHolderNorItsWaitersHoldASnapshotThatWouldStallCreateIndexConcurrently()
			throws Exception {
		try (LockLease held = this.locks.transaction(Duration.ofSeconds(30)).acquire(Duration.ZERO)) {
			ExecutorService waiter = Executors.newSingleThreadExecutor();
			try {
				Future<?> waiting = waiter
					.submit(() -> this.locks.transaction(Duration.ofSeconds(30)).acquire(Duration.ofSeconds(20)).close());
				Thread.sleep(500);
				try (Connection connection = this.locks.dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE t (id INTEGER)");
					statement.setQueryTimeout(5);
					statement.execute("CREATE INDEX CONCURRENTLY t_id ON t (id)");
				}
				held.close(); // the waiter gets the lock
				waiting.get(5, TimeUnit.SECONDS);
			}
			finally {
				waiter.shutdownNow();
			}
		}
	}

	@Test
	void keysDifferBySchemaAndTable() {
		assertThat(PostgresAdvisoryLock.key("db", "a", "schema_migrations_lock"))
			.isNotEqualTo(PostgresAdvisoryLock.key("db", "b", "schema_migrations_lock"))
			.isNotEqualTo(PostgresAdvisoryLock.key("db", "a", "other_lock"))
			.isEqualTo(PostgresAdvisoryLock.key("db", "a", "schema_migrations_lock"));
	}

	@Test
	void theHolderIdentityFitsAnApplicationNameAndReadsBack() {
		LockHolder holder = new LockHolder("a-very-long-host-name.with.many.domain.parts.example.com", 123456, "0123456789ab",
				Instant.parse("2026-11-21T07:00:00.123Z"));

		String name = PostgresAdvisoryLock.applicationName(holder);

		assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
		assertThat(PostgresAdvisoryLock.parse(name)).hasValueSatisfying((read) -> {
			assertThat(read.pid()).isEqualTo(123456);
			assertThat(read.ownerId()).isEqualTo("0123456789ab");
			assertThat(read.since()).isEqualTo(holder.since());
			assertThat(holder.host()).startsWith(read.host());
		});
		assertThat(PostgresAdvisoryLock.parse("psql")).isEmpty();
		assertThat(PostgresAdvisoryLock.parse("migrator;x;y;z;h")).isEmpty();
		assertThat(PostgresAdvisoryLock.parse("migrator;1;2")).isEmpty();
	}

	private long xminsHeldBackBy(LockHolder holder) throws Exception {
		try (Connection admin = this.locks.dataSource.getConnection(); Statement statement = admin.createStatement();
				ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_xmin IS NOT NULL"
						+ " AND application_name LIKE '" + PostgresAdvisoryLock.TAG + holder.pid() + ";" + holder.ownerId() + "%'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private long heartbeats() throws Exception {
		try (Connection connection = this.locks.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT heartbeats FROM schema_migrations_lock")) {
			return rs.next() ? rs.getLong(1) : -1;
		}
	}

}
