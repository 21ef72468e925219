package dev.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.api.DownCheck;

/**
 * With {@code migrator.verify-downs} or {@code migrator.require-down}: a pending migration's down was
 * tried and does not restore the schema, or it has none and one is required. Nothing was migrated.
 */
public class DownsNotVerifiedException extends RuntimeException {

	DownsNotVerifiedException(List<DownCheck> checks, boolean requireDown) {
		super(describe(checks, requireDown));
	}

	/** The checks that refuse the run: a down that failed or left a different schema; a missing one when required. */
	static boolean refuses(List<DownCheck> checks, boolean requireDown) {
		return checks.stream()
			.anyMatch((check) -> !check.passed() && (check.outcome() != DownCheck.Outcome.NO_DOWN || requireDown));
	}

	private static String describe(List<DownCheck> checks, boolean requireDown) {
		List<String> problems = new ArrayList<>();
		for (DownCheck check : checks) {
			String migration = "migration " + check.version() + " (" + check.description() + ")";
			switch (check.outcome()) {
				case SCHEMA_DIFFERS -> problems.add("the down of " + migration + " does not restore the schema: "
						+ String.join("; ", check.differences()));
				case FAILED -> problems.add("up, down and up again of " + migration + " failed: " + check.error());
				case NO_DOWN -> {
					if (requireDown) {
						problems.add(migration + " has no down, which migrator.require-down refuses");
					}
				}
				case RESTORES_SCHEMA -> {
				}
			}
		}
		return "The downs of the pending migrations were tried first (migrator.verify-downs"
				+ (requireDown ? ", migrator.require-down" : "") + ") and " + String.join("; ", problems)
				+ ". Nothing was migrated.";
	}

}
