package dev.migrator.core.internal.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration lock among the threads of this JVM only: for databases no other process can reach,
 * such as SQLite's in-memory and temporary databases. Instances with the same key share one lock.
 * A holder is never overtaken; there is no dead holder to take over, since the lock dies with the
 * JVM (a lease that is never closed blocks its key until then).
 */
public final class InProcessMigrationLock implements MigrationLock {

	private final JvmLock lock;

	private final String description;

	/**
	 * @param key what the lock is for, e.g. the JDBC URL of an in-memory database
	 * @param description the database as messages should name it
	 */
	public InProcessMigrationLock(String key, String description) {
		this.lock = JvmLock.forKey("in-process:" + Objects.requireNonNull(key, "key"));
		this.description = Objects.requireNonNull(description, "description");
	}

	@Override
	public LockLease acquire(Duration waitTimeout) {
		LockWait wait = new LockWait(this.description, waitTimeout);
		this.lock.enter(wait);
		LockHolder holder = LockHolder.thisProcessNow();
		this.lock.holder(holder);
		return wait.acquired(new JvmLockLease(this.lock, holder));
	}

	@Override
	public Optional<LockHolder> holder() {
		if (this.lock.tryEnter()) {
			this.lock.leave();
			return Optional.empty();
		}
		LockHolder holder = this.lock.holder();
		return Optional.of((holder != null) ? holder : LockHolder.unknown());
	}

	@Override
	public String toString() {
		return "in-process migration lock on " + this.description;
	}

}
