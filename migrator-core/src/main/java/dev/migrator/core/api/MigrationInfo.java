package dev.migrator.core.api;

import java.time.Instant;

/**
 * One migration as the code and the history see it. Applied fields ({@code appliedAt},
 * {@code appliedBy}, {@code executionTimeMs}) are null for a migration never applied;
 * {@code dataLoss} is what rolling it back would remove, for an applied migration with a down.
 */
public record MigrationInfo(MigrationVersion version, String description, MigrationType type, String script,
		String checksum, MigrationState state, Instant appliedAt, String appliedBy, Long executionTimeMs,
		boolean rollbackAvailable, DataLoss dataLoss) {
}
