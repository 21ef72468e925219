package dev.migrator.core.api;

import java.util.List;

/**
 * What a migrate, rollback or baseline did: the migrations that ran in order, the version before
 * and after, and warnings worth reading.
 *
 * @param previousVersion the version before the run
 * @param currentVersion the version after it (for a dry run: what it would be)
 * @param migrations what ran, in order
 * @param warnings worth reading
 * @param dryRun whether this ran on a copy, leaving the database untouched
 * @param failure for a dry run, the migration that would fail; null when all went well (a real run
 * throws instead)
 * @param dataLoss for a rollback, what each down removes
 * @param backup the backup taken before the run, or null when none was taken
 */
public record RunResult(MigrationVersion previousVersion, MigrationVersion currentVersion, List<MigrationRun> migrations,
		List<String> warnings, boolean dryRun, MigrationFailure failure, List<DataLoss> dataLoss, BackupInfo backup) {

	public RunResult {
		migrations = List.copyOf(migrations);
		warnings = List.copyOf(warnings);
		dataLoss = List.copyOf(dataLoss);
	}

	/** A real run's result with no rollback preview and no backup. */
	public RunResult(MigrationVersion previousVersion, MigrationVersion currentVersion, List<MigrationRun> migrations,
			List<String> warnings) {
		this(previousVersion, currentVersion, migrations, warnings, false, null, List.of(), null);
	}

	/** Whether nothing ran. */
	public boolean isEmpty() {
		return this.migrations.isEmpty();
	}

	/** Whether every migration succeeded (always true for a real run that returned). */
	public boolean succeeded() {
		return this.failure == null;
	}

}
