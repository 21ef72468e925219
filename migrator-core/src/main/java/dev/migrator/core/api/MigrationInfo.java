package dev.migrator.core.api;

import java.time.Instant;

/**
 * One migration as the code and the history see it. Applied fields ({@code appliedAt},
 * {@code appliedBy}, {@code executionTimeMs}) are null for a migration never applied;
 * {@code dataLoss} is what rolling it back would remove, for an applied migration with a down.
 * {@code note} says how the engine runs the script where that is not as written, e.g. "its BEGIN
 * (line 1) and COMMIT (line 9) are dropped: it runs in the migration's own transaction"; null
 * otherwise. {@code failure} says, for a {@link MigrationState#FAILED} migration, what it may have
 * left ("interrupted; unknown how far it got", or which statements had committed); null otherwise.
 */
public record MigrationInfo(MigrationVersion version, String description, MigrationType type, String script,
		String checksum, MigrationState state, Instant appliedAt, String appliedBy, Long executionTimeMs,
		boolean rollbackAvailable, DataLoss dataLoss, String note, String failure) {

	/** Without a note or a failure. */
	public MigrationInfo(MigrationVersion version, String description, MigrationType type, String script,
			String checksum, MigrationState state, Instant appliedAt, String appliedBy, Long executionTimeMs,
			boolean rollbackAvailable, DataLoss dataLoss) {
		this(version, description, type, script, checksum, state, appliedAt, appliedBy, executionTimeMs,
				rollbackAvailable, dataLoss, null, null);
	}

	/** The same migration with a note. */
	public MigrationInfo withNote(String note) {
		return new MigrationInfo(this.version, this.description, this.type, this.script, this.checksum, this.state,
				this.appliedAt, this.appliedBy, this.executionTimeMs, this.rollbackAvailable, this.dataLoss, note,
				this.failure);
	}
}
