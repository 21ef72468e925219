package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.testing.TimingBounds;

/**
 * What every {@link MigrationLock} must do, within one JVM. Each implementation's test extends this
 * and says how to get a lock on one database; the cross-process behaviour is tested separately.
 */
abstract class MigrationLockContract {

	/** A new lock object on the same database every call, as separate runners would create. */
	protected abstract MigrationLock lockOnTheDatabase();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<LockLease> leases = new ArrayList<>();

	@AfterEach
	void releaseEverything() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
		this.leases.forEach(LockLease::close);
	}

	/** Acquires and remembers the lease, so a failing test cannot leave the lock held for the next. */
	protected LockLease acquire(Duration waitTimeout) {
		LockLease lease = lockOnTheDatabase().acquire(waitTimeout);
		synchronized (this.leases) {
			this.leases.add(lease);
		}
		return lease;
	}

	@Test
	void acquiresReleasesAndReacquires() {
		Instant before = Instant.now().minusSeconds(1);
		LockLease first = acquire(Duration.ZERO);

		assertThat(first.holder().pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(first.holder().host()).isNotBlank();
		assertThat(first.holder().since()).isBetween(before, Instant.now());
		assertThat(first.holder().known()).isTrue();
		assertThat(first.tookOverFrom()).isEmpty();
		first.close();

		LockLease second = acquire(Duration.ZERO);
		assertThat(second.holder().ownerId()).isNotEqualTo(first.holder().ownerId());
		assertThat(second.tookOverFrom()).isEmpty();
		second.close();
	}

	@Test
	void holderIsSeenWhileHeldAndTheLookChangesNothing() {
		assertThat(lockOnTheDatabase().holder()).isEmpty();
		LockLease lease = acquire(Duration.ZERO);

		assertThat(lockOnTheDatabase().holder()).hasValueSatisfying(
				(holder) -> assertThat(holder.ownerId()).isEqualTo(lease.holder().ownerId()));
		assertThat(lockOnTheDatabase().holder()).isPresent();
		lease.close();

		assertThat(lockOnTheDatabase().holder()).isEmpty();
		LockLease next = acquire(Duration.ZERO);
		assertThat(next.tookOverFrom()).isEmpty();
	}

	@Test
	void anotherThreadWaitsAndGetsTheLockOnceReleased() throws Exception {
		LockLease first = acquire(Duration.ZERO);
		Future<LockLease> waiter = this.threads.submit(() -> acquire(Duration.ofSeconds(20)));

		assertThatThrownBy(() -> waiter.get(400, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
		first.close();

		LockLease second = waiter.get(2, TimeUnit.SECONDS);
		assertThat(second.holder().ownerId()).isNotEqualTo(first.holder().ownerId());
		assertThat(second.tookOverFrom()).isEmpty();
	}

	@Test
	void waitingRunsOutWithAnErrorNamingTheHolder() {
		LockHolder holder = acquire(Duration.ZERO).holder();
		long start = System.nanoTime();

		// from the holding thread itself, too: the lock is not reentrant
		assertThatThrownBy(() -> acquire(Duration.ofMillis(400))).isInstanceOfSatisfying(LockTimeoutException.class,
				(ex) -> {
					assertThat(ex.holderHost()).contains(holder.host());
					assertThat(ex.holderPid()).hasValue(holder.pid());
					assertThat(ex.holderSince()).contains(holder.since());
					assertThat(ex.getMessage()).contains("Timed out after", "host " + holder.host(),
							"pid " + holder.pid(), "since " + holder.since(), "this very process",
							"Wait for it to finish", "migrator.lock.wait-timeout (now 400ms)");
				});
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(waited).as("waited the whole timeout").isGreaterThanOrEqualTo(Duration.ofMillis(400));
		if (TimingBounds.enforced()) {
			assertThat(waited).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void zeroWaitTimeoutFailsAtOnceWhileHeld() {
		acquire(Duration.ZERO);
		long start = System.nanoTime();

		assertThatThrownBy(() -> acquire(Duration.ZERO)).isInstanceOf(LockTimeoutException.class);
		if (TimingBounds.enforced()) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
		}
	}

	@Test
	void releaseIsIdempotentAndAStaleLeaseCannotReleaseTheNextHolder() {
		LockLease first = acquire(Duration.ZERO);
		first.close();
		first.close();
		LockLease second = acquire(Duration.ZERO);

		first.close();

		assertThatThrownBy(() -> acquire(Duration.ZERO)).isInstanceOf(LockTimeoutException.class);
		second.close();
		acquire(Duration.ZERO).close();
	}

	@Test
	void anInterruptedWaiterFailsWithLockTimeoutExceptionSayingSo() throws Exception {
		acquire(Duration.ZERO);
		Thread waiter = Thread.currentThread();
		Future<?> interrupter = this.threads.submit(() -> {
			Thread.sleep(300);
			waiter.interrupt();
			return null;
		});
		long start = System.nanoTime();
		try {
			assertThatThrownBy(() -> acquire(Duration.ofSeconds(30))).isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("Interrupted after")
				.hasMessageContaining("pid " + ProcessHandle.current().pid())
				.hasCauseInstanceOf(InterruptedException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		interrupter.get();
		// the property: the interrupt ended a 30 s wait
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void anInterruptedWaiterLeavesNothingHeldBehind() {
		LockLease holder = acquire(Duration.ZERO);
		Thread.currentThread().interrupt();
		try {
			assertThatThrownBy(() -> acquire(Duration.ofSeconds(30))).isInstanceOf(LockTimeoutException.class);
		}
		finally {
			Thread.interrupted();
		}
		holder.close();

		acquire(Duration.ZERO).close();
	}

	@Test
	void aLeaseClosedOnAnInterruptedThreadStillReleasesCleanly() {
		LockLease lease = acquire(Duration.ZERO);
		Thread.currentThread().interrupt();
		try {
			lease.close();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}

		LockLease next = acquire(Duration.ZERO);
		assertThat(next.tookOverFrom()).isEmpty();
	}

	@Test
	void manyThreadsNeverHoldItAtOnce() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			workers.add(this.threads.submit(() -> {
				for (int round = 0; round < 5; round++) {
					try (LockLease lease = lockOnTheDatabase().acquire(Duration.ofSeconds(20))) {
						mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
						assertThat(lease.tookOverFrom()).isEmpty();
						Thread.sleep(2);
						inside.decrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(20, TimeUnit.SECONDS);
		}
		assertThat(mostInside).hasValue(1);
	}

	@Test
	void negativeWaitTimeoutIsRejected() {
		assertThatThrownBy(() -> acquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("waitTimeout");
	}

}
