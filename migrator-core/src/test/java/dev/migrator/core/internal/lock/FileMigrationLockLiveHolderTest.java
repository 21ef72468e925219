package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.testing.ChildJvm;

/**
 * The file lock held by a live runner in another JVM ({@link CommittingLockHolder}): what a report here
 * reads from the lock file, and how a waiter here treats a holder whose heartbeat moves.
 */
class FileMigrationLockLiveHolderTest {

	@TempDir
	Path dir;

	Path lockFile;

	FileMigrationLock lock;

	ChildJvm child;

	@BeforeEach
	void setUp() {
		this.lockFile = this.dir.resolve("app.db" + FileMigrationLock.SUFFIX);
		this.lock = new FileMigrationLock(this.lockFile, this.dir.resolve("app.db").toString());
	}

	@AfterEach
	void stopTheHolder() {
		if (this.child != null) {
			this.child.close();
		}
	}

	private void holderInAnotherJvm(String version) throws Exception {
		// a lease of 300 ms: the holder beats every 100 ms
		this.child = ChildJvm.start(this.dir, "holder", CommittingLockHolder.class, this.lockFile.toString(), "300",
				version);
		this.child.awaitLine("HOLDING", Duration.ofSeconds(20));
	}

	@Test
	void aReportInAnotherProcessReadsTheVersionTheHolderCommittedLast() throws Exception {
		holderInAnotherJvm("20260102.1");

		assertThat(this.lock.lastCommitted()).contains("20260102.1");
		assertThat(this.lock.holder()).hasValueSatisfying((holder) -> assertThat(holder.pid()).isEqualTo(this.child.pid()));

		this.child.close();
		assertThat(this.lock.lastCommitted()).as("the holder is gone: the lock is free, whatever the file says").isEmpty();
	}

	@Test
	void aFreeLockOrOneNeverTakenHasNoCommittedVersion() throws Exception {
		assertThat(this.lock.lastCommitted()).isEmpty();
		assertThat(this.lockFile).doesNotExist();

		try (LockLease lease = this.lock.acquire(Duration.ZERO)) {
			lease.committed("3");
			assertThat(this.lock.lastCommitted()).as("held in this JVM").contains("3");
		}
		assertThat(this.lock.lastCommitted()).isEmpty();
		assertThat(Files.readString(this.lockFile)).as("released: nothing of the holder is left").isEmpty();
	}

	@Test
	void behindAHolderWhoseHeartbeatMovesAWaiterWaitsPastItsTimeoutAndGivesUpAtTheMaxWaitSayingItIsAlive()
			throws Exception {
		holderInAnotherJvm("1");
		// timeout 200 ms, lease 3 s (how long a still heartbeat is trusted), max wait 2 s
		Configuration.Lock settings = new Configuration.Lock(Duration.ofMillis(200), Duration.ofSeconds(3))
			.withMaxWait(Duration.ofSeconds(2));

		assertThatThrownBy(() -> this.lock.acquire(settings)).isInstanceOfSatisfying(LockTimeoutException.class, (ex) -> {
			assertThat(ex.getMessage()).startsWith("Gave up after")
				.contains("alive (its heartbeat still moves)")
				.contains("migrator.lock.max-wait (now 2.0s)");
			assertThat(ex.holderPid()).hasValue(this.child.pid());
		});
		// and it left the holder's lock alone
		assertThat(this.lock.lastCommitted()).contains("1");
	}

	/**
	 * A release empties the file before the OS lock frees; a waiter past its timeout that looks in that
	 * window reads no name and no beat. It must wait on for the lock, not give up on a holder it saw
	 * beating a moment before (as it once did on a busy machine: "Timed out ... unknown holder").
	 */
	@Test
	void aWaiterPastItsTimeoutThatLooksWhileTheHolderReleasesWaitsOnAndGetsTheLock() throws Exception {
		Path marker = this.dir.resolve("release");
		this.child = ChildJvm.start(this.dir, "holder", SlowlyReleasingLockHolder.class, this.lockFile.toString(),
				marker.toString(), "1500");
		this.child.awaitLine("HOLDING", Duration.ofSeconds(60));
		// timeout 100 ms, trusts a still heartbeat for a minute, waits at most ten
		Configuration.Lock settings = new Configuration.Lock(Duration.ofMillis(100), Duration.ofMinutes(1))
			.withMaxWait(Duration.ofMinutes(10));
		Thread releaser = new Thread(() -> {
			try {
				// past the waiter's timeout, with its heartbeat seen
				Thread.sleep(500);
				Files.createFile(marker);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		releaser.start();

		try (LockLease lease = this.lock.acquire(settings)) {
			assertThat(this.child.stdoutLines()).as(this.child.output()).contains("EMPTIED");
			assertThat(lease.tookOverFrom()).as("the holder released; nothing was taken over").isEmpty();
		}
		finally {
			releaser.join();
		}
		assertThat(this.child.awaitExit(Duration.ofSeconds(60))).as(this.child.output()).isZero();
	}

	@Test
	void aHolderHereBeatsSoThatAWaiterInAnotherProcessWaitsPastItsTimeoutAndCallsItAlive() throws Exception {
		// a lease of 300 ms: this holder beats every 100 ms
		try (LockLease held = this.lock.acquire(new Configuration.Lock(Duration.ZERO, Duration.ofMillis(300)))) {
			held.committed("4");
			// the waiter: timeout 200 ms, trusts a still heartbeat for 3 s, waits at most 2 s
			this.child = ChildJvm.start(this.dir, "waiter", PatientWaitingProcess.class, this.lockFile.toString(), "200",
					"3000", "2000");
			String outcome = this.child.awaitLine("TIMEOUT", Duration.ofSeconds(60));

			assertThat(outcome).contains("Gave up after", "alive (its heartbeat still moves)",
					"pid " + ProcessHandle.current().pid(), "migrator.lock.max-wait (now 2.0s)");
			assertThat(this.lock.lastCommitted()).contains("4");
		}
		assertThat(Files.readString(this.lockFile)).isEmpty();
	}

}
