package dev.migrator.core.api;

import java.time.Instant;

/**
 * One migration as the code and the history see it. Applied fields ({@code appliedAt},
 * {@code appliedBy}, {@code executionTimeMs}) are null for a migration never applied;
 * {@code dataLoss} is what rolling it back would remove, for an applied migration with a down.
 * {@code failure} says, for a {@link MigrationState#FAILED} migration, what it may have left
 * ("interrupted; unknown how far it got", or which statements had committed); null otherwise.
 */
public record MigrationInfo(MigrationVersion version, String description, MigrationType type, String script,
		String checksum, MigrationState state, Instant appliedAt, String appliedBy, Long executionTimeMs,
		boolean rollbackAvailable, DataLoss dataLoss, String failure) {

	public MigrationInfo(MigrationVersion version, String description, MigrationType type, String script,
			String checksum, MigrationState state, Instant appliedAt, String appliedBy, Long executionTimeMs,
			boolean rollbackAvailable, DataLoss dataLoss) {
		this(version, description, type, script, checksum, state, appliedAt, appliedBy, executionTimeMs,
				rollbackAvailable, dataLoss, null);
	}

}
