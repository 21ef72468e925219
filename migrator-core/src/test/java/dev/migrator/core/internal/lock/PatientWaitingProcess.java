package dev.migrator.core.internal.lock;

import java.nio.file.Path;
import java.time.Duration;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LockTimeoutException;

/**
 * A migration runner in a JVM of its own that waits for the file lock past its timeout while the
 * holder's heartbeat moves. Arguments: the lock file, the timeout, the lease and the max wait in
 * milliseconds. Prints {@code ACQUIRED} or {@code TIMEOUT <message>}.
 */
public final class PatientWaitingProcess {

	private PatientWaitingProcess() {
	}

	public static void main(String[] args) {
		Configuration.Lock settings = new Configuration.Lock(Duration.ofMillis(Long.parseLong(args[1])),
				Duration.ofMillis(Long.parseLong(args[2]))).withMaxWait(Duration.ofMillis(Long.parseLong(args[3])));
		try (LockLease lease = new FileMigrationLock(Path.of(args[0]), "test database").acquire(settings)) {
			System.out.println("ACQUIRED " + lease.holder().pid());
		}
		catch (LockTimeoutException ex) {
			System.out.println("TIMEOUT " + ex.getMessage().replace('\n', ' '));
		}
	}

}
