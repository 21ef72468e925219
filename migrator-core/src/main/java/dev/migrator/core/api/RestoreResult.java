package dev.migrator.core.api;

/**
 * What {@code restore(id)} did.
 *
 * @param restored the backup now in place
 * @param safetyBackup the backup of the state just before the restore, to undo it
 * @param currentVersion the schema version after the restore
 */
public record RestoreResult(BackupInfo restored, BackupInfo safetyBackup, MigrationVersion currentVersion) {
}
