package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.LockTimeoutException;

/**
 * Within one JVM, on the test server: a waiter acquiring with the settings waits past its timeout
 * while the holder's keep-alive or heartbeat moves (transaction-level advisory lock, lock table),
 * and fails at its timeout where there is none to watch (session-level advisory lock). The
 * cross-process cases are {@code LockWaitTest}'s.
 */
class PostgresLiveHolderWaitTest {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static final Configuration.Lock SETTINGS = new Configuration.Lock(Duration.ofMillis(300), LEASE,
			LockMode.AUTO, Duration.ofMinutes(1));

	private final PostgresLocks locks = new PostgresLocks();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopWaiters() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void behindATransactionLevelHolderTheWaiterWaitsPastItsTimeout() throws Exception {
		waitsPastItsTimeoutBehindALiveHolder((locks) -> locks.transaction(LEASE));
	}

	@Test
	void behindALockTableHolderTheWaiterWaitsPastItsTimeout() throws Exception {
		waitsPastItsTimeoutBehindALiveHolder((locks) -> locks.table(LEASE));
	}

	@Test
	@SuppressWarnings("try") // the lease holds the lock until the block ends
	void behindASessionLevelHolderThereIsNoHeartbeatToWatchAndTheTimeoutStands() {
		try (LockLease held = this.locks.session().acquire(Duration.ZERO)) {
			assertThatThrownBy(() -> this.locks.session().acquire(SETTINGS)).isInstanceOf(LockTimeoutException.class)
				.hasMessageStartingWith("Timed out after")
				.hasMessageContaining("migrator.lock.wait-timeout (now 300ms)")
				.hasMessageNotContaining("heartbeat");
		}
	}

	private void waitsPastItsTimeoutBehindALiveHolder(Function<PostgresLocks, MigrationLock> kind) throws Exception {
		LockLease held = kind.apply(this.locks).acquire(Duration.ZERO);
		try {
			Future<LockLease> waiter = this.threads.submit(() -> kind.apply(this.locks).acquire(SETTINGS));
			// the timeout and then two leases: a waiter that gave up would be done by now
			Thread.sleep(SETTINGS.waitTimeout().plus(LEASE.multipliedBy(2)).toMillis());
			assertThat(waiter.isDone()).as("still waiting behind the live holder").isFalse();

			held.close();
			try (LockLease next = waiter.get(30, TimeUnit.SECONDS)) {
				assertThat(next.holder().ownerId()).isNotEqualTo(held.holder().ownerId());
				assertThat(next.tookOverFrom()).as("a live holder is never taken over").isEmpty();
			}
		}
		finally {
			held.close();
		}
	}

}
