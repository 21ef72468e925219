package dev.migrator.core.internal.command;

import java.util.List;

import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.resolve.SqlScript;

/**
 * Checks, before anything changes, that every script a run will execute can be split into
 * statements, and that no script running in a transaction controls transactions itself (an outer
 * BEGIN ... COMMIT wrapper excepted): every such problem of every script is listed at once.
 */
final class Preflight {

	private Preflight() {
	}

	static void checkScripts(MigrationExecutor executor, List<ResolvedMigration> migrations, boolean downs,
			List<String> problems) {
		for (ResolvedMigration migration : migrations) {
			try {
				if (downs && migration.down() != null) {
					inTransaction(executor, migration.down(), false, problems);
				}
				if (!downs && migration.up() != null) {
					inTransaction(executor, migration.up(), false, problems);
					if (migration.verify() != null) {
						inTransaction(executor, migration.verify(), true, problems);
					}
				}
			}
			catch (StepFailure failure) {
				problems.add(failure.getMessage());
			}
		}
	}

	private static void inTransaction(MigrationExecutor executor, SqlScript script, boolean verify,
			List<String> problems) throws StepFailure {
		ScriptTransactions transactions = executor.check(script);
		String problem = (script.transactional() || verify) ? transactions.problem(script.name(), verify) : null;
		if (problem != null) {
			problems.add(problem);
		}
	}

}
