package dev.migrator.core.api;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Another runner held the migration lock for longer than this one was willing to wait (or the
 * wait was interrupted). The message names the database, the holder (host, pid, since when), how
 * long we waited and what to do; the holder is also available as plain values, each empty when the
 * holder could not be identified.
 */
public class LockTimeoutException extends MigratorException {

	private final String holderHost;

	private final Long holderPid;

	private final Instant holderSince;

	/**
	 * @param holderHost the holder's host name, or {@code null} when not known
	 * @param holderPid the holder's process id, or {@code null} when not known
	 * @param holderSince when the holder acquired the lock, or {@code null} when not known
	 */
	public LockTimeoutException(String message, String holderHost, Long holderPid, Instant holderSince) {
		this(message, holderHost, holderPid, holderSince, null);
	}

	public LockTimeoutException(String message, String holderHost, Long holderPid, Instant holderSince,
			Throwable cause) {
		super(message, cause);
		this.holderHost = holderHost;
		this.holderPid = holderPid;
		this.holderSince = holderSince;
	}

	/** The host the holder runs on. */
	public Optional<String> holderHost() {
		return Optional.ofNullable(this.holderHost);
	}

	/** The holder's process id, on its host. */
	public OptionalLong holderPid() {
		return (this.holderPid != null) ? OptionalLong.of(this.holderPid) : OptionalLong.empty();
	}

	/** When the holder acquired the lock. */
	public Optional<Instant> holderSince() {
		return Optional.ofNullable(this.holderSince);
	}

}
