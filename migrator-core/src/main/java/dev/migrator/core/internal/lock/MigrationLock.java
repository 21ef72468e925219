package dev.migrator.core.internal.lock;

import java.time.Duration;
import java.util.Optional;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LockTimeoutException;

/**
 * Makes sure only one migration runner works on a database at a time. A live holder is never
 * overtaken, however long it runs; a holder that died is taken over. Acquire as late and release as
 * early as possible: both are cheap.
 */
public interface MigrationLock {

	/**
	 * Waits up to {@code waitTimeout} for the lock, logging at INFO every few seconds who holds it.
	 * @param waitTimeout how long to wait; {@link Duration#ZERO} tries once
	 * @return the lease; close it to release the lock
	 * @throws LockTimeoutException if the lock was still held when the time was up, or the waiting
	 * thread was interrupted (its interrupt flag is then set again)
	 * @throws IllegalArgumentException if {@code waitTimeout} is negative
	 */
	LockLease acquire(Duration waitTimeout);

	/**
	 * Waits for the lock as the settings say: up to their wait timeout, and past it, up to their max
	 * wait, while the holder is alive and progressing, where this lock has a heartbeat to tell by.
	 * A lock without one waits as {@link #acquire(Duration)} does.
	 * @throws LockTimeoutException as {@link #acquire(Duration)}
	 */
	default LockLease acquire(Configuration.Lock settings) {
		return acquire(settings.waitTimeout());
	}

	/**
	 * Who holds the lock right now, without taking it or changing anything: empty when it is free.
	 * A point-in-time answer for status pages; never a reason to skip {@link #acquire}.
	 */
	Optional<LockHolder> holder();

}
