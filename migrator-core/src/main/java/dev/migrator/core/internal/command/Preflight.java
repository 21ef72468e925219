package dev.migrator.core.internal.command;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

	/**
	 * @return the migrations (by script) whose up holds only statements that cannot run in a
	 * transaction, and so runs without one by itself
	 */
	static Set<String> checkScripts(MigrationExecutor executor, List<ResolvedMigration> migrations, boolean downs,
			List<String> problems) {
		Set<String> outsideTransactions = new HashSet<>();
		for (ResolvedMigration migration : migrations) {
			try {
				if (downs && migration.down() != null) {
					ScriptTransactions down = inTransaction(executor, migration.down(), false, problems);
					if (migration.down().transactional() && down.onlyOutsideTransactions()) {
						problems.add(migration.down().name() + ": " + down.firstOutsideOnly() + " cannot run inside a"
								+ " transaction; mark the down script -- migrator:no-transaction");
					}
				}
				if (!downs && migration.up() != null) {
					ScriptTransactions up = inTransaction(executor, migration.up(), false, problems);
					if (migration.up().transactional() && up.onlyOutsideTransactions()) {
						outsideTransactions.add(migration.script());
					}
					if (migration.verify() != null) {
						inTransaction(executor, migration.verify(), true, problems);
					}
				}
			}
			catch (StepFailure failure) {
				problems.add(failure.getMessage());
			}
		}
		return outsideTransactions;
	}

	private static ScriptTransactions inTransaction(MigrationExecutor executor, SqlScript script, boolean verify,
			List<String> problems) throws StepFailure {
		ScriptTransactions transactions = executor.check(script);
		if (script.transactional() || verify) {
			String problem = transactions.problem(script.name(), verify);
			if (problem != null) {
				problems.add(problem);
			}
			String mixed = verify ? null : transactions.mixedProblem(script.name());
			if (mixed != null) {
				problems.add(mixed);
			}
		}
		return transactions;
	}

}
