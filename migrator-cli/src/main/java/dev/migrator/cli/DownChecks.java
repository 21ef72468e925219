package dev.migrator.cli;

import java.util.List;

import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.api.DownCheck;

/**
 * Runs the engine's down checks and shows them: one line per pending migration, with the objects a
 * down does not put back. Shared by {@code verify} and {@code migrate --verify-downs}.
 */
final class DownChecks {

	private final List<DownCheck> checks;

	private final boolean requireDown;

	DownChecks(List<DownCheck> checks, boolean requireDown) {
		this.checks = List.copyOf(checks);
		this.requireDown = requireDown;
	}

	/** Whether every down restores the schema (a migration without one counts only with --require-down). */
	boolean passed() {
		return this.checks.stream()
			.allMatch((check) -> check.passed() || (check.outcome() == DownCheck.Outcome.NO_DOWN && !this.requireDown));
	}

	void print(Terminal terminal) {
		for (DownCheck check : this.checks) {
			String label = VersionArgument.label(check.version(), check.description());
			switch (check.outcome()) {
				case RESTORES_SCHEMA -> terminal.info("  " + terminal.green("ok") + "       " + label
						+ ": up, down and up again; the down restores the schema");
				case NO_DOWN -> terminal.info("  " + (this.requireDown ? terminal.red("no down") : terminal.yellow("no down"))
						+ "  " + label + (this.requireDown ? ": refused, --require-down is set" : ": cannot be rolled back"));
				case SCHEMA_DIFFERS -> {
					terminal.info("  " + terminal.red("DIFFERS") + "  " + label
							+ ": the schema after its down is not the one before its up:");
					check.differences().forEach((difference) -> terminal.info("             - " + difference));
				}
				case FAILED -> terminal.info("  " + terminal.red("FAILED") + "   " + label + ": " + check.error());
			}
		}
	}

	/** What the checks found, in words, for the error line; null when they passed. */
	String problem() {
		if (passed()) {
			return null;
		}
		List<String> failing = this.checks.stream()
			.filter((check) -> !check.passed() && check.outcome() != DownCheck.Outcome.NO_DOWN)
			.map((check) -> check.version().toString())
			.toList();
		List<String> withoutDown = this.checks.stream()
			.filter((check) -> check.outcome() == DownCheck.Outcome.NO_DOWN && this.requireDown)
			.map((check) -> check.version().toString())
			.toList();
		List<String> parts = new java.util.ArrayList<>();
		if (!failing.isEmpty()) {
			parts.add("the down of " + String.join(", ", failing) + " was tried and does not restore the schema (listed above)");
		}
		if (!withoutDown.isEmpty()) {
			parts.add(String.join(", ", withoutDown) + " has no down, which --require-down (migrator.require-down) refuses");
		}
		String problem = String.join("; ", parts) + "; the database was not changed";
		return Character.toUpperCase(problem.charAt(0)) + problem.substring(1);
	}

	List<JsonObject> json() {
		return this.checks.stream()
			.map((check) -> new JsonObject().put("version", check.version().toString())
				.put("description", check.description())
				.put("outcome", EngineSettings.cliName(check.outcome()))
				.put("differences", check.differences())
				.put("error", check.error()))
			.toList();
	}

}
