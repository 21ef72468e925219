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
 */
final class LockWait {

	static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	/** Polling bounds: short enough to notice a release quickly, jittered so pollers do not move in lockstep. */
	private static final long MIN_POLL_MILLIS = 100;

	private static final long MAX_POLL_MILLIS = 200;

	private final String database;

	private final Duration timeout;

	private final long timeoutNanos;

	private final long start = System.nanoTime();

	private long nextLog = this.start;

	LockWait(String database, Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("waitTimeout must not be negative: " + timeout);
		}
		this.database = database;
		this.timeout = timeout;
		this.timeoutNanos = saturatedNanos(timeout);
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

	long remainingNanos() {
		return Math.max(0, this.timeoutNanos - elapsedNanos());
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
	 * One turn of a polling wait that did not get the lock: fails when the wait is over, otherwise
	 * says who holds it (now and then) and sleeps one interval. Every polling lock ends its loop here.
	 */
	void stillHeldBy(LockHolder holder) throws InterruptedException {
		if (expired()) {
			throw timedOut(holder);
		}
		reportWaiting(holder);
		pause();
	}

	/** The lease just taken, logged now and again when it is released (see {@link LoggedLease}). */
	LockLease acquired(LockLease lease) {
		return LoggedLease.acquired(lease, this.database, Duration.ofNanos(elapsedNanos()));
	}

	LockTimeoutException timedOut(LockHolder holder) {
		String message = "Timed out after " + format(Duration.ofNanos(elapsedNanos()))
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
