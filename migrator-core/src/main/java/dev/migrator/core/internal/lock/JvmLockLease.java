package dev.migrator.core.internal.lock;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A place taken in a {@link JvmLock}: closing it (once; again is harmless) lets the next thread in. */
final class JvmLockLease implements LockLease {

	private final JvmLock lock;

	private final LockHolder holder;

	private final AtomicBoolean released = new AtomicBoolean();

	JvmLockLease(JvmLock lock, LockHolder holder) {
		this.lock = lock;
		this.holder = holder;
	}

	@Override
	public LockHolder holder() {
		// a queue place's holder is made when asked (see RunnerQueue)
		return (this.holder != null) ? this.holder : this.lock.holder();
	}

	@Override
	public Optional<LockHolder> tookOverFrom() {
		return Optional.empty();
	}

	/** Held until released: a lock of this JVM ends only with it. */
	@Override
	public void ensureHeld(String before) {
	}

	@Override
	public void close() {
		if (this.released.compareAndSet(false, true)) {
			this.lock.leave();
		}
	}

}
