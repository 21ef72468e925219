package dev.migrator.core.api;

import java.util.List;

/**
 * What {@code restore(id)} did.
 *
 * @param restored the backup now in place
 * @param safetyBackup the backup of the state just before the restore, to undo it
 * @param currentVersion the schema version after the restore; null when it could not be read
 * @param warnings what went wrong after the backup was in place (the log could not be carried
 * over or written, the version could not be read): the restore happened all the same
 */
public record RestoreResult(BackupInfo restored, BackupInfo safetyBackup, MigrationVersion currentVersion,
		List<String> warnings) {

	public RestoreResult {
		warnings = List.copyOf(warnings);
	}

	/** A restore with nothing to warn about. */
	public RestoreResult(BackupInfo restored, BackupInfo safetyBackup, MigrationVersion currentVersion) {
		this(restored, safetyBackup, currentVersion, List.of());
	}

}
