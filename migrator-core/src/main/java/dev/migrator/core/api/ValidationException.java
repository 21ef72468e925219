package dev.migrator.core.api;

import java.util.List;
import java.util.Map;

/**
 * The migrations in the code and the history in the database disagree, or a migration file is
 * malformed. Nothing was changed. Each problem names the file or version and what to do.
 */
public class ValidationException extends MigratorException {

	private final List<String> problems;

	public ValidationException(List<String> problems) {
		this(problems, null, Map.of());
	}

	/**
	 * @param reason why the run stopped, where a surface words the next step itself, or null
	 * @param facts the facts of that reason
	 */
	public ValidationException(List<String> problems, Reason reason, Map<String, String> facts) {
		super(describe(problems), null, reason, facts);
		this.problems = List.copyOf(problems);
	}

	/** Each problem found, one sentence each. */
	public List<String> problems() {
		return this.problems;
	}

	private static String describe(List<String> problems) {
		if (problems.size() == 1) {
			return "Validation failed, nothing was changed: " + problems.get(0);
		}
		StringBuilder message = new StringBuilder("Validation failed with " + problems.size() + " problems, nothing was changed:");
		for (String problem : problems) {
			message.append(System.lineSeparator()).append(" - ").append(problem);
		}
		return message.toString();
	}

}
