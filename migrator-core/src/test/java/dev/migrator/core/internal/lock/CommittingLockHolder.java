package dev.migrator.core.internal.lock;

import java.nio.file.Path;
import java.time.Duration;

import dev.migrator.core.api.Configuration;

/**
 * A migration runner in a JVM of its own that takes the file lock with a short lease (so its heartbeat
 * beats often), notes that it committed a version, and holds the lock until killed. Arguments: the lock
 * file, the lease in milliseconds, the version. Prints {@code HOLDING <pid>} once the version is noted.
 */
public final class CommittingLockHolder {

	private CommittingLockHolder() {
	}

	public static void main(String[] args) throws Exception {
		Path lockFile = Path.of(args[0]);
		Duration lease = Duration.ofMillis(Long.parseLong(args[1]));
		LockLease held = new FileMigrationLock(lockFile, "test database")
			.acquire(new Configuration.Lock(Duration.ZERO, lease));
		held.committed(args[2]);
		System.out.println("HOLDING " + ProcessHandle.current().pid());
		Thread.sleep(Long.MAX_VALUE);
	}

}
