package dev.migrator.core.api;

import java.util.List;

/**
 * What a migrate, rollback or baseline did: the migrations that ran in order, the version before
 * and after, and warnings worth reading.
 */
public record RunResult(MigrationVersion previousVersion, MigrationVersion currentVersion, List<MigrationRun> migrations,
		List<String> warnings) {

	public RunResult {
		migrations = List.copyOf(migrations);
		warnings = List.copyOf(warnings);
	}

	/** Whether nothing ran. */
	public boolean isEmpty() {
		return this.migrations.isEmpty();
	}

}
