package dev.migrator.core.internal.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a migration lock: enough for a person to find the process (host and pid) and to judge
 * whether it is stuck (since when). The owner id tells two acquisitions by the same process apart.
 *
 * @param host the host name of the holder's machine
 * @param pid the holder's process id on that host; negative for an {@linkplain #unknown() unknown}
 * holder
 * @param ownerId a fresh id for every acquisition
 * @param since when the lock was acquired
 */
public record LockHolder(String host, long pid, String ownerId, Instant since) {

	private static final String UNKNOWN = "unknown";

	public LockHolder {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(since, "since");
	}

	/** A new identity for this process acquiring a lock now. */
	static LockHolder thisProcessNow() {
		return new LockHolder(LocalHost.NAME, ProcessHandle.current().pid(), UUID.randomUUID().toString(),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/** This process as the holder since {@code since}: a lock of this JVM that made no identity when taken. */
	static LockHolder thisProcessSince(Instant since) {
		return new LockHolder(LocalHost.NAME, ProcessHandle.current().pid(), UUID.randomUUID().toString(),
				since.truncatedTo(ChronoUnit.MILLIS));
	}

	/** Stands for a holder that left no readable identity (e.g. it died halfway through writing it). */
	static LockHolder unknown() {
		return new LockHolder(UNKNOWN, -1, UNKNOWN, Instant.EPOCH);
	}

	/** Whether this names a real holder rather than {@link #unknown()}. */
	public boolean known() {
		return this.pid >= 0;
	}

	/** Whether the holder is the running process itself (another thread of it, or a lease never closed). */
	public boolean isThisProcess() {
		return this.pid == ProcessHandle.current().pid() && this.host.equals(LocalHost.NAME);
	}

	/** For messages: {@code host h, pid 123, since 2026-03-01T03:12:04.512Z}, or {@code unknown holder}. */
	public String describe() {
		return known() ? "host " + this.host + ", pid " + this.pid + ", since " + this.since : "unknown holder";
	}

	/** The text written into a lock file: one {@code key=value} per line. */
	String toText() {
		return "host=" + this.host + "\npid=" + this.pid + "\nowner=" + this.ownerId + "\nsince=" + this.since + "\n";
	}

	/** Reads {@link #toText()}'s format; {@link #unknown()} for anything else (partial writes, foreign content). */
	static LockHolder parse(String text) {
		Map<String, String> fields = new HashMap<>();
		for (String line : text.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
			}
		}
		String host = fields.get("host");
		String pid = fields.get("pid");
		String owner = fields.get("owner");
		String since = fields.get("since");
		if (host == null || host.isEmpty() || pid == null || owner == null || since == null) {
			return unknown();
		}
		try {
			long parsedPid = Long.parseLong(pid);
			return (parsedPid >= 0) ? new LockHolder(host, parsedPid, owner, Instant.parse(since)) : unknown();
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return unknown();
		}
	}

	/** Looked up once: name resolution can be slow, and acquiring must stay cheap. */
	private static final class LocalHost {

		static final String NAME = lookUp();

		private static String lookUp() {
			try {
				return InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException | SecurityException ex) {
				String fromEnvironment = System.getenv("HOSTNAME");
				return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : UNKNOWN;
			}
		}

	}

}
