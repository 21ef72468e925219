package dev.migrator.core.internal.lock;

import java.sql.SQLException;
import java.time.Duration;

import dev.migrator.core.api.MigratorException;

/**
 * Whether a lease that can be lost while its process lives is still held, for a runner about to
 * commit: a lease whose holder paused for longer than the lease (a long GC, a suspended VM, a
 * starved machine) was rightly taken by another runner, and its own heartbeat may not have run
 * since to find out; a lock that ends with its connection is lost, and free to others, the moment
 * that connection is cut. Confirming is one statement on the lock's connection. For a lock-table
 * lease, a confirmation younger than a third of the lease stands in for it, since nobody takes a
 * row over before its heartbeat has stood still for a whole lease. Thread-safe: the heartbeat
 * confirms too.
 */
final class HeldCheck {

	/** What confirms the lease on its connection: true while held, false once another runner has it. */
	@FunctionalInterface
	interface Confirm {

		boolean held() throws SQLException;

	}

	private final String description;

	private final long freshNanos;

	private final String raise;

	private volatile long confirmedAt = System.nanoTime();

	private volatile String lost;

	/**
	 * @param fresh how long a confirmation stands in for the next one (zero: none does)
	 * @param raise what the error advises when the lease ran out under a live holder, or null where
	 * the lock has no lease (it dies with its connection only)
	 */
	HeldCheck(String description, Duration fresh, String raise) {
		this.description = description;
		this.freshNanos = fresh.toNanos();
		this.raise = raise;
	}

	/**
	 * A confirmation by the heartbeat or the keep-alive, dated when its statement was sent
	 * ({@link System#nanoTime}): the database wrote the beat no earlier, so a takeover comes no
	 * earlier than a lease after it, however late this thread gets to say so.
	 */
	void confirmed(long sentNanos) {
		this.confirmedAt = sentNanos;
	}

	/** The lease was lost, as the heartbeat or the keep-alive found: every later check fails saying why. */
	void lost(String why) {
		if (this.lost == null) {
			this.lost = why;
		}
	}

	/**
	 * Throws when the lease is known lost, or cannot be confirmed now; {@code before} says what the
	 * runner was about to do ("committing migration 2 (add users)").
	 */
	void ensureHeld(String before, Confirm confirm) {
		if (this.lost == null && System.nanoTime() - this.confirmedAt >= this.freshNanos) {
			long sent = System.nanoTime();
			try {
				if (confirm.held()) {
					confirmed(sent);
				}
				else {
					lost("another runner holds it now");
				}
			}
			catch (SQLException ex) {
				lost("its connection failed (" + ex.getMessage() + ")");
			}
		}
		String why = this.lost;
		if (why != null) {
			throw new MigratorException("Lost the migration lock on " + this.description + " before " + before + ": "
					+ why + ". This run stopped there rather than migrate alongside the runner that may have the lock"
					+ " now; what it had not committed was rolled back. Run again: the next run waits for the lock and sees what another runner"
					+ " applied meanwhile." + ((this.raise != null) ? " " + this.raise : ""));
		}
	}

}
