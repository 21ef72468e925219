package dev.migrator.core.internal.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease whose taking and giving back are logged at INFO, so that the logs of runners started
 * together show who held the lock when, one at a time. The release is logged before the lock is let
 * go, so the span a holder's log shows always lies inside the span it really held the lock.
 */
final class LoggedLease implements LockLease {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	private final LockLease lease;

	private final String database;

	private final long acquiredNanos = System.nanoTime();

	private final AtomicBoolean released = new AtomicBoolean();

	private LoggedLease(LockLease lease, String database) {
		this.lease = lease;
		this.database = database;
	}

	/** Logs that {@code lease} was just taken, after waiting {@code waited}, and returns it wrapped. */
	static LockLease acquired(LockLease lease, String database, Duration waited) {
		logger.info("Acquired the migration lock on {} after waiting {}", database, LockWait.format(waited));
		return new LoggedLease(lease, database);
	}

	@Override
	public LockHolder holder() {
		return this.lease.holder();
	}

	@Override
	public Optional<LockHolder> tookOverFrom() {
		return this.lease.tookOverFrom();
	}

	@Override
	public void committed(String version) {
		this.lease.committed(version);
	}

	@Override
	public void ensureHeld(String before) {
		this.lease.ensureHeld(before);
	}

	@Override
	public void close() {
		if (this.released.compareAndSet(false, true)) {
			logger.info("Releasing the migration lock on {}, held for {}", this.database,
					LockWait.format(Duration.ofNanos(System.nanoTime() - this.acquiredNanos)));
		}
		this.lease.close();
	}

}
