package dev.migrator.core.internal.command;

import java.util.List;

import dev.migrator.core.internal.resolve.ResolvedMigration;

/** Checks, before anything changes, that every script a run will execute can be split into statements. */
final class Preflight {

	private Preflight() {
	}

	static void checkScripts(MigrationExecutor executor, List<ResolvedMigration> migrations, boolean downs,
			List<String> problems) {
		for (ResolvedMigration migration : migrations) {
			try {
				if (downs && migration.down() != null) {
					executor.check(migration.down());
				}
				if (!downs && migration.up() != null) {
					executor.check(migration.up());
					if (migration.verify() != null) {
						executor.check(migration.verify());
					}
				}
			}
			catch (StepFailure failure) {
				problems.add(failure.getMessage());
			}
		}
	}

}
