package dev.migrator.core.internal.lock;

import java.util.Optional;

/** A held migration lock. */
public interface LockLease extends AutoCloseable {

	/** This lease's identity, as other runners see it while they wait. */
	LockHolder holder();

	/**
	 * The previous holder, when it died holding the lock and this lease took the lock over; the
	 * engine logs it. An {@linkplain LockHolder#known() unknown} holder when it left no readable identity.
	 */
	Optional<LockHolder> tookOverFrom();

	/**
	 * Tells runners that look while this lease is held the version the holder has committed last, for a
	 * report that cannot read the database meanwhile (SQLite). Where the lock cannot carry it, nothing.
	 */
	default void committed(String version) {
	}

	/**
	 * Confirms, before the runner commits or starts the next step, that this lease is still held;
	 * throws a {@link dev.migrator.core.api.MigratorException} saying so when another runner has it
	 * now, or its connection failed. Locks that only end with their process (a file lock, a lock of
	 * this JVM) cannot be lost, and do nothing. Not a default method: a lease that wraps another
	 * must pass the question on.
	 * @param before what the runner is about to do, for the error ("committing migration 2 (add users)")
	 */
	void ensureHeld(String before);

	/** Releases the lock. Idempotent; a second close, or a close after another runner acquired, does nothing. */
	@Override
	void close();

}
