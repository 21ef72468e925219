package dev.migrator.core.internal.lock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import dev.migrator.core.api.LockTimeoutException;

/**
 * A migration runner in a JVM of its own, for the cross-process tests. Arguments: the lock file, how
 * long to wait in milliseconds, how long to hold in milliseconds ({@code -1}: until killed), and
 * optionally a file to append {@code pid start end} to while holding. Reports on stdout:
 * {@code ACQUIRED <pid> <took-over-from pid or none>}, {@code RELEASING}, {@code RELEASED}, or
 * {@code TIMEOUT <message>} (exit code 3).
 */
public final class LockHoldingProcess {

	private LockHoldingProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path lockFile = Path.of(args[0]);
		Duration waitTimeout = Duration.ofMillis(Long.parseLong(args[1]));
		long holdMillis = Long.parseLong(args[2]);
		Path intervals = (args.length > 3) ? Path.of(args[3]) : null;
		long pid = ProcessHandle.current().pid();

		LockLease lease;
		try {
			lease = new FileMigrationLock(lockFile, "test database").acquire(waitTimeout);
		}
		catch (LockTimeoutException ex) {
			System.out.println("TIMEOUT " + ex.getMessage());
			System.exit(3);
			return;
		}
		Instant start = Instant.now();
		System.out.println("ACQUIRED " + pid + " "
				+ lease.tookOverFrom().map((holder) -> String.valueOf(holder.pid())).orElse("none"));
		if (holdMillis < 0) {
			Thread.sleep(Long.MAX_VALUE);
		}
		Thread.sleep(holdMillis);
		if (intervals != null) {
			Files.writeString(intervals, pid + " " + start + " " + Instant.now() + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		System.out.println("RELEASING");
		lease.close();
		System.out.println("RELEASED");
	}

}
