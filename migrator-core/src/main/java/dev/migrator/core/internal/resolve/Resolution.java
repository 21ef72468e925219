package dev.migrator.core.internal.resolve;

import java.util.List;

/**
 * The migrations found in the code, in version order, warnings about what was passed over, and,
 * for a report that must not fail on them, the problems that left files out.
 */
public record Resolution(List<ResolvedMigration> migrations, List<String> warnings, List<String> problems) {

	public Resolution {
		migrations = List.copyOf(migrations);
		warnings = List.copyOf(warnings);
		problems = List.copyOf(problems);
	}

}
