package dev.migrator.core.internal.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.LockTimeoutException;

/**
 * One runner's wait for a lock: its deadline, its progress log lines (INFO, at most every
 * {@link #LOG_INTERVAL}) and the error when it gives up. All time is measured on
 * {@link System#nanoTime()}, so wall-clock jumps neither shorten nor stretch a wait.
 * <p>
 * The wait timeout ends the wait unless the holder is alive and progressing: where the lock has a
 * heartbeat the waiter can watch, and the waiter saw it move within the last lease, the holder is
 * alive and its process works, so the waiter keeps waiting, up to the max wait. A holder that dies
 * is freed or taken over by the lock itself; one whose heartbeat stands still for a lease is not
 * progressing, and the timeout applies again. Locks that cannot tell give no heartbeat, and their
 * waiters stop at the timeout as before.
 */
final class LockWait {

	static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

	/** Past the timeout, behind a live holder, a waiter says so this often: a long migration must not flood the log. */
	static final Duration KEPT_WAITING_LOG_INTERVAL = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	/** Polling bounds: short enough to notice a release quickly, jittered so pollers do not move in lockstep. */
	private static final long MIN_POLL_MILLIS = 100;

	private static final long MAX_POLL_MILLIS = 200;

	private final String database;

	private final Duration timeout;

	private final long timeoutNanos;

	private final Duration maxWait;

	private final long maxWaitNanos;

	/** A heartbeat that did not move for this long means a holder that is not progressing; 0: never watched. */
	private final long staleNanos;

	private final long start = System.nanoTime();

	private long nextLog = this.start;

	/** The holder's heartbeat as last seen, and when it was last seen to move; null: the lock cannot tell. */
	private Object beat;

	private long beatMoved;

	private boolean keptWaitingSaid;

	/** The holder last named by the lock, for messages when one look cannot name it. */
	private LockHolder lastNamed;

	/** A wait that ends at {@code timeout}, whoever holds the lock. */
	LockWait(String database, Duration timeout) {
		this(database, timeout, timeout, Duration.ZERO);
	}

	/**
	 * @param maxWait how long to wait at most behind a holder whose heartbeat moves; never less than {@code timeout}
	 * @param lease a heartbeat standing still this long means the holder is not progressing
	 */
	LockWait(String database, Duration timeout, Duration maxWait, Duration lease) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("waitTimeout must not be negative: " + timeout);
		}
		this.database = database;
		this.timeout = timeout;
		this.timeoutNanos = saturatedNanos(timeout);
		this.maxWait = (maxWait.compareTo(timeout) > 0) ? maxWait : timeout;
		this.maxWaitNanos = saturatedNanos(this.maxWait);
		this.staleNanos = saturatedNanos(lease);
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private long elapsedNanos() {
		return System.nanoTime() - this.start;
	}

	/**
	 * Notes the holder's heartbeat as the lock reads it now: any value, compared with the last; null
	 * when it cannot tell this time. A read that cannot tell once (the holder emptying its lock file on
	 * release, its session ending just before its lock frees, a read failing under load) keeps the beat
	 * last seen and its clock: only a lease with no move seen ends the patience, never one blind look.
	 */
	private void observe(Object heartbeat) {
		if (this.staleNanos == 0 || heartbeat == null) {
			return;
		}
		if (!heartbeat.equals(this.beat)) {
			this.beat = heartbeat;
			this.beatMoved = System.nanoTime();
		}
	}

	/** Whether the holder is alive and progressing: its heartbeat was seen to move within the last lease. */
	private boolean holderProgressing() {
		return this.beat != null && this.staleNanos > 0 && System.nanoTime() - this.beatMoved <= this.staleNanos;
	}

	long remainingNanos() {
		long deadline = holderProgressing() ? this.maxWaitNanos : this.timeoutNanos;
		return Math.max(0, deadline - elapsedNanos());
	}

	boolean expired() {
		return remainingNanos() == 0;
	}

	/** How long to block before the next look: until the deadline or the next log line, whichever is sooner. */
	long sliceNanos() {
		long untilLog = Math.max(0, this.nextLog - System.nanoTime());
		return Math.min(remainingNanos(), untilLog);
	}

	/** Sleeps one polling interval, or less if the deadline is nearer. */
	void pause() throws InterruptedException {
		long millis = ThreadLocalRandom.current().nextLong(MIN_POLL_MILLIS, MAX_POLL_MILLIS + 1);
		TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.MILLISECONDS.toNanos(millis), remainingNanos()));
	}

	/** Logs who holds the lock, unless a line went out less than {@link #LOG_INTERVAL} ago. */
	void reportWaiting(LockHolder holder) {
		long now = System.nanoTime();
		if (now - this.nextLog < 0) {
			return;
		}
		this.nextLog = now + LOG_INTERVAL.toNanos();
		if (logger.isInfoEnabled()) {
			logger.info("Waiting for the migration lock on {}: held by {}; waited {} of {}", this.database,
					describe(holder), format(Duration.ofNanos(elapsedNanos())), format(this.timeout));
		}
	}

	/**
	 * Past the timeout behind a live holder: says so at once, then every {@link #KEPT_WAITING_LOG_INTERVAL},
	 * naming the holder and how fresh its heartbeat is, so an operator sees why this runner has not failed.
	 */
	private void reportKeptWaiting(LockHolder holder) {
		long now = System.nanoTime();
		if (this.keptWaitingSaid && now - this.nextLog < 0) {
			return;
		}
		this.nextLog = now + KEPT_WAITING_LOG_INTERVAL.toNanos();
		String heartbeat = format(Duration.ofNanos(now - this.beatMoved));
		if (!this.keptWaitingSaid) {
			this.keptWaitingSaid = true;
			logger.info("Waited {} (migrator.lock.wait-timeout) for the migration lock on {}, held by {}; the holder is"
					+ " alive and its heartbeat moved {} ago, so this runner keeps waiting, up to {}"
					+ " (migrator.lock.max-wait)", format(this.timeout), this.database, describe(holder), heartbeat,
					format(this.maxWait));
			return;
		}
		logger.info("Still waiting for the migration lock on {}: held by {}{}, alive (heartbeat {} ago); waited {},"
				+ " up to {} (migrator.lock.max-wait)", this.database, describe(holder), heldFor(holder), heartbeat,
				format(Duration.ofNanos(elapsedNanos())), format(this.maxWait));
	}

	private static String heldFor(LockHolder holder) {
		return (holder != null && holder.known())
				? " (for " + format(Duration.between(holder.since(), Instant.now())) + ")" : "";
	}

	/**
	 * One turn of a polling wait that did not get the lock: fails when the wait is over, otherwise
	 * says who holds it (now and then) and sleeps one interval. Every polling lock ends its loop here.
	 */
	void stillHeldBy(LockHolder holder) throws InterruptedException {
		stillHeldBy(holder, null);
	}

	/**
	 * As {@link #stillHeldBy(LockHolder)}, for a lock that can read the holder's heartbeat: any value
	 * that changes with each beat (a counter, a time stamp), or null when it cannot tell this time.
	 */
	void stillHeldBy(LockHolder holder, Object heartbeat) throws InterruptedException {
		observe(heartbeat);
		if (holder != null && holder.known()) {
			this.lastNamed = holder;
		}
		else if (this.lastNamed != null) {
			// the same blind look: the error names the holder last seen rather than "unknown"
			holder = this.lastNamed;
		}
		if (expired()) {
			throw timedOut(holder);
		}
		if (elapsedNanos() >= this.timeoutNanos) {
			reportKeptWaiting(holder);
		}
		else {
			reportWaiting(holder);
		}
		pause();
	}

	/** The lease just taken, logged now and again when it is released (see {@link LoggedLease}). */
	LockLease acquired(LockLease lease) {
		return LoggedLease.acquired(lease, this.database, Duration.ofNanos(elapsedNanos()));
	}

	LockTimeoutException timedOut(LockHolder holder) {
		Duration waited = Duration.ofNanos(elapsedNanos());
		if (holderProgressing()) {
			String message = "Gave up after " + format(waited) + " (migrator.lock.max-wait) waiting for the migration lock on "
					+ this.database + ": " + heldBy(holder) + ", which is alive (its heartbeat still moves) but has not"
					+ " finished. See what that process is doing (its log, the database's sessions); to wait longer,"
					+ " raise migrator.lock.max-wait (now " + format(this.maxWait) + ").";
			return exception(message, holder, null);
		}
		if (this.beat != null) {
			String message = "Timed out after " + format(waited) + " waiting for the migration lock on " + this.database
					+ ": " + heldBy(holder) + ", whose heartbeat has not moved for "
					+ format(Duration.ofNanos(System.nanoTime() - this.beatMoved)) + " (more than the lease, "
					+ format(Duration.ofNanos(this.staleNanos)) + "): the holder is not progressing (suspended, frozen,"
					+ " or its machine unreachable). See what that process is doing; if it is gone, the lock frees"
					+ " itself and a retry succeeds. To wait longer, raise migrator.lock.wait-timeout (now "
					+ format(this.timeout) + ").";
			return exception(message, holder, null);
		}
		String message = "Timed out after " + format(waited)
				+ " waiting for the migration lock on " + this.database + ": " + heldBy(holder)
				+ ". Another migration runner is working on this database. Wait for it to finish, then retry;"
				+ " if that process is gone, the lock frees itself and a retry succeeds."
				+ " To wait longer, raise migrator.lock.wait-timeout (now " + format(this.timeout) + ").";
		return exception(message, holder, null);
	}

	LockTimeoutException interrupted(LockHolder holder, Exception cause) {
		String message = "Interrupted after " + format(Duration.ofNanos(elapsedNanos()))
				+ " while waiting for the migration lock on " + this.database + " (" + heldBy(holder)
				+ "); gave up without the lock because this thread was asked to stop.";
		return exception(message, holder, cause);
	}

	private static String heldBy(LockHolder holder) {
		if (holder == null || !holder.known()) {
			return "held by an unknown holder";
		}
		String text = "held by " + holder.describe() + " (for "
				+ format(Duration.between(holder.since(), Instant.now())) + ")";
		if (holder.isThisProcess()) {
			text += ", which is this very process: another thread, or a lease that was never closed";
		}
		return text;
	}

	private static LockTimeoutException exception(String message, LockHolder holder, Exception cause) {
		if (holder == null || !holder.known()) {
			return new LockTimeoutException(message, null, null, null, cause);
		}
		return new LockTimeoutException(message, holder.host(), holder.pid(), holder.since(), cause);
	}

	static String describe(LockHolder holder) {
		return (holder != null) ? holder.describe() : "unknown holder";
	}

	/** {@code 250ms}, {@code 4.2s}, {@code 3m 05s}, {@code 2h 03m}: readable at a glance. */
	static String format(Duration duration) {
		if (duration.isNegative()) {
			duration = Duration.ZERO;
		}
		long millis = saturatedMillis(duration);
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
		}
		long seconds = millis / 1000;
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
	}

	private static long saturatedMillis(Duration duration) {
		try {
			return duration.toMillis();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

}
