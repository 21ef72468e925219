package dev.migrator.core.internal.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

/**
 * Where the threads of this JVM that would take the migration lock on one DataSource queue, before
 * they take a connection from it: a thread that waits for another's migration must not hold one of the
 * application's pooled connections while it waits (twelve waiters would drain a pool of four, and the
 * application's own requests would starve). Only the thread at the head goes on to the database's lock.
 * Keyed by the DataSource object: two DataSources to one database still meet at the database's lock.
 * And by the schema: the schemas of one database (tenants) have locks of their own, so runs in different
 * schemas do not queue behind each other.
 */
public final class RunnerQueue {

	/** Weak keys: a DataSource that is gone takes its queue with it. */
	private static final Map<DataSource, Map<String, JvmLock>> BY_DATA_SOURCE = Collections
		.synchronizedMap(new WeakHashMap<>());

	private RunnerQueue() {
	}

	/**
	 * Waits, within {@code waitTimeout}, to be the one thread of this JVM going for the migration lock
	 * through {@code dataSource} into {@code schema} (null: the connection's own); the lease lets the next thread in.
	 * @throws dev.migrator.core.api.LockTimeoutException when the wait runs out, naming the holder
	 */
	public static LockLease enter(DataSource dataSource, String schema, Duration waitTimeout) {
		JvmLock queue = BY_DATA_SOURCE.computeIfAbsent(dataSource, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent((schema != null) ? schema : "", (key) -> JvmLock.unshared());
		LockWait wait = new LockWait("this application's database (another thread of this JVM is migrating it)",
				waitTimeout);
		queue.enter(wait);
		// who holds the place is worked out only if another thread waits for it (see JvmLock#enteredAt)
		queue.enteredAt(Instant.now());
		return new JvmLockLease(queue, null);
	}

}
