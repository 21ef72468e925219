package dev.migrator.core.api;

import java.time.Instant;

/**
 * Who holds the migration lock right now, if anyone.
 *
 * @param held whether a runner holds it
 * @param host the holder's host, or null
 * @param pid the holder's process id, or 0
 * @param since since when, or null
 */
public record LockState(boolean held, String host, long pid, Instant since) {

	/** No one holds the lock. */
	public static final LockState FREE = new LockState(false, null, 0, null);

}
