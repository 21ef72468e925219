package dev.migrator.core.internal.backup;

import java.util.Objects;

import dev.migrator.core.api.BackupInfo;

/**
 * What a restore did.
 * @param restored the backup now in the database
 * @param safetyBackup the backup of the state just before the restore, to undo it with
 */
public record RestoreResult(BackupInfo restored, BackupInfo safetyBackup) {

	public RestoreResult {
		Objects.requireNonNull(restored, "restored");
		Objects.requireNonNull(safetyBackup, "safetyBackup");
	}

}
