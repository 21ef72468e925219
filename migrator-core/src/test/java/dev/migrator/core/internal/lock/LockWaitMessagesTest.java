package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.LockTimeoutException;

/**
 * What a waiter decides and says, fed the holder's heartbeat as a lock reads it on each turn: the
 * locks themselves are tested on real files and servers; here each kind of ending is made certain.
 */
class LockWaitMessagesTest {

	private static final LockHolder HOLDER = new LockHolder("other-host", 4242, "owner-1", Instant.now());

	@Test
	void behindAHolderWhoseHeartbeatMovesTheWaiterGoesOnUpToTheMaxWaitAndThenSaysTheHolderIsAlive() {
		LockWait wait = new LockWait("app.db", Duration.ofMillis(100), Duration.ofMillis(700), Duration.ofSeconds(5));
		long[] beat = { 0 };

		LockTimeoutException ex = catchThrowableOfType(LockTimeoutException.class, () -> {
			while (true) {
				wait.stillHeldBy(HOLDER, ++beat[0]);
			}
		});

		assertThat(ex.getMessage()).startsWith("Gave up after")
			.contains("(migrator.lock.max-wait) waiting for the migration lock on app.db")
			.contains("held by host other-host, pid 4242")
			.contains("alive (its heartbeat still moves)")
			.contains("raise migrator.lock.max-wait (now 700ms)");
		assertThat(ex.holderPid()).hasValue(4242L);
		// it waited well past its timeout: more turns than the timeout alone allows (a turn sleeps at least 100 ms)
		assertThat(beat[0]).isGreaterThan(2);
	}

	@Test
	void aHeartbeatThatStandsStillForALeaseEndsTheWaitAtTheTimeoutSayingTheHolderIsNotProgressing() {
		LockWait wait = new LockWait("app.db", Duration.ofMillis(400), Duration.ofMinutes(10), Duration.ofMillis(100));

		LockTimeoutException ex = catchThrowableOfType(LockTimeoutException.class, () -> {
			while (true) {
				wait.stillHeldBy(HOLDER, "beat 7");
			}
		});

		assertThat(ex.getMessage()).startsWith("Timed out after")
			.contains("whose heartbeat has not moved for")
			.contains("(more than the lease, 100ms)")
			.contains("not progressing")
			.contains("raise migrator.lock.wait-timeout (now 400ms)")
			.doesNotContain("max-wait");
	}

	/**
	 * A holder releasing empties its lock file before its OS lock frees (a session ends just before its
	 * advisory lock does): a waiter looking in between reads neither a name nor a beat. One such look
	 * past the timeout must not end a wait behind a holder seen alive a moment before.
	 */
	@Test
	void oneLookThatCannotReadTheHeartbeatPastTheTimeoutDoesNotEndAWaitBehindALiveHolder() throws Exception {
		LockWait wait = new LockWait("app.db", Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1));

		wait.stillHeldBy(HOLDER, "beat 1");
		wait.stillHeldBy(null, null);
		wait.stillHeldBy(LockHolder.unknown(), null);

		assertThat(wait.expired()).as("still behind a holder whose beat moved within the lease").isFalse();
	}

	/** Blind looks do not stretch the patience either: a lease without a move seen ends it, naming the holder last seen. */
	@Test
	void looksThatCannotReadTheHeartbeatForALeaseEndTheWaitNamingTheHolderLastSeen() {
		LockWait wait = new LockWait("app.db", Duration.ZERO, Duration.ofHours(1), Duration.ofMillis(300));

		LockTimeoutException ex = catchThrowableOfType(LockTimeoutException.class, () -> {
			wait.stillHeldBy(HOLDER, "beat 1");
			while (true) {
				wait.stillHeldBy(null, null);
			}
		});

		assertThat(ex.getMessage()).startsWith("Timed out after")
			.contains("held by host other-host, pid 4242")
			.contains("whose heartbeat has not moved for")
			.contains("not progressing");
		assertThat(ex.holderPid()).hasValue(4242L);
	}

	/** A lock that never shows a heartbeat gives no reason to wait past the timeout. */
	@Test
	void aWaiterThatNeverSawAHeartbeatStopsAtTheTimeout() {
		LockWait wait = new LockWait("app.db", Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1));

		LockTimeoutException ex = catchThrowableOfType(LockTimeoutException.class, () -> wait.stillHeldBy(HOLDER, null));

		assertThat(ex.getMessage()).startsWith("Timed out after").contains("Another migration runner is working");
	}

	@Test
	void aHolderNobodyCanNameIsCalledUnknownAndTheErrorCarriesNoIdentity() {
		LockWait wait = new LockWait("app.db", Duration.ZERO);

		LockTimeoutException ex = catchThrowableOfType(LockTimeoutException.class, () -> wait.stillHeldBy(null));

		assertThat(ex.getMessage()).contains("held by an unknown holder");
		assertThat(ex.holderPid()).isEmpty();
		assertThat(ex.holderHost()).isEmpty();
		assertThat(ex.holderSince()).isEmpty();
		assertThat(wait.interrupted(LockHolder.unknown(), new InterruptedException()).getMessage())
			.contains("held by an unknown holder").contains("asked to stop");
		assertThat(LockWait.describe(null)).isEqualTo("unknown holder");
	}

	@Test
	void aTimeoutTooLongToCountInNanosecondsMeansWaitingIndefinitelyNotFailingAtOnce() {
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);

		LockWait wait = new LockWait("app.db", forever, forever, forever);

		assertThat(wait.expired()).isFalse();
		assertThat(wait.remainingNanos()).isGreaterThan(Duration.ofDays(365 * 100).toNanos());
		assertThat(LockWait.format(forever)).isNotEmpty();
	}

}
