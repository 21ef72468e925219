package dev.migrator.core.api;

import java.time.Instant;

/**
 * One row of the append-only log: an attempt at migrate, rollback, repair, baseline or restore,
 * with who, when, how long, and the error of a failure. {@code version} and {@code description}
 * are null for entries about no single migration (a restore, a lock takeover).
 */
public record LogRecord(String version, String description, String action, boolean success, String error,
		String performedBy, Instant performedAt, Long executionTimeMs) {

	public static final String MIGRATE = "migrate";

	public static final String ROLLBACK = "rollback";

	public static final String REPAIR = "repair";

	public static final String BASELINE = "baseline";

	public static final String RESTORE = "restore";

	public static final String LOCK_TAKEOVER = "lock_takeover";

	/** A version another tool applied, taken over from its history ({@code migrator.adopt}). */
	public static final String ADOPT = "adopt";

	/**
	 * A migration whose statements may commit on their own was started (committed before its first
	 * statement): with no migrate entry after it, the run was interrupted in it.
	 */
	public static final String START = "start";

}
