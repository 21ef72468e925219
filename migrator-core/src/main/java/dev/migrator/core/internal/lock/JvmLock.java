package dev.migrator.core.internal.lock;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The lock that threads of this JVM take, one per key, before anything touches a lock file; it also
 * remembers who holds the lock so that waiting threads can name the holder without opening the file.
 * A semaphore rather than a {@code ReentrantLock}: a migration lock is not reentrant, and a lease may
 * be closed by a thread other than the one that acquired it.
 */
final class JvmLock {

	/** One per key for the JVM's lifetime: a handful of databases at most, and removal would race. */
	private static final ConcurrentMap<String, JvmLock> BY_KEY = new ConcurrentHashMap<>();

	/** Fair, so threads of one JVM get the lock in the order they asked for it. */
	private final Semaphore permit = new Semaphore(1, true);

	/**
	 * Who holds the lock as best known: the holding thread's identity, or, while that thread is itself
	 * waiting for the lock file, the other process that holds the file; {@code null} when unknown.
	 */
	private volatile LockHolder holder;

	/**
	 * When a thread of this JVM entered, for {@link RunnerQueue}'s places, whose identity is made only
	 * when a waiting thread names it: the host name lookup it needs is not free, and an application's
	 * start (one thread, no wait) never needs it. Null when unset.
	 */
	private volatile Instant enteredAt;

	/** The version the holder committed last, as it said (see {@link LockLease#committed}); or null. */
	private volatile String committed;

	private JvmLock() {
	}

	/** A lock of its own, for a caller that keeps it (see {@link RunnerQueue}). */
	static JvmLock unshared() {
		return new JvmLock();
	}

	static JvmLock forKey(String key) {
		return BY_KEY.computeIfAbsent(key, (k) -> new JvmLock());
	}

	/** Waits for the permit within {@code wait}, logging the holder while waiting. */
	void enter(LockWait wait) {
		try {
			while (!this.permit.tryAcquire(wait.sliceNanos(), TimeUnit.NANOSECONDS)) {
				if (wait.expired()) {
					throw wait.timedOut(holder());
				}
				wait.reportWaiting(holder());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw wait.interrupted(holder(), ex);
		}
	}

	/** Takes the permit if it is free at once, for a look that must not wait. */
	boolean tryEnter() {
		return this.permit.tryAcquire();
	}

	/** Who holds the lock as best known, or null. */
	LockHolder holder() {
		LockHolder known = this.holder;
		Instant since = this.enteredAt;
		return (known == null && since != null) ? LockHolder.thisProcessSince(since) : known;
	}

	/** Called only by the thread that entered: this process holds it, since then. */
	void enteredAt(Instant since) {
		this.enteredAt = since;
	}

	/** Called only by the thread that entered, to say who holds the lock now. */
	void holder(LockHolder holder) {
		this.holder = holder;
	}

	String committed() {
		return this.committed;
	}

	void committed(String version) {
		this.committed = version;
	}

	/** Lets the next thread in; called exactly once per successful {@link #enter}. */
	void leave() {
		this.holder = null;
		this.enteredAt = null;
		this.committed = null;
		this.permit.release();
	}

}
