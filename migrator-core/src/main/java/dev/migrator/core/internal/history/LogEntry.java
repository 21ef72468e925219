package dev.migrator.core.internal.history;

import java.time.Instant;

/**
 * One row of the append-only log: an attempt at migrate, rollback, repair, baseline or restore.
 * {@code version} and {@code description} are null for entries about no single migration.
 */
public record LogEntry(String version, String description, String action, boolean success, String error,
		String performedBy, Instant performedAt, Long executionTimeMs) {

	public static final String MIGRATE = "migrate";

	public static final String ROLLBACK = "rollback";

	public static final String REPAIR = "repair";

	public static final String BASELINE = "baseline";

}
