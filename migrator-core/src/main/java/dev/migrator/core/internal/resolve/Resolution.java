package dev.migrator.core.internal.resolve;

import java.util.List;

/**
 * The migrations found in the code, in version order, warnings about what was passed over, and,
 * for a report that must not fail on them, the problems that left files out; with the
 * {@code filesystem:} locations that held no script, each described with what it resolved to; and
 * the file convention the locations are in (e.g. {@code Flyway}; several joined with ", ").
 */
public record Resolution(List<ResolvedMigration> migrations, List<String> warnings, List<String> problems,
		List<String> emptyFilesystemLocations, String convention) {

	public Resolution {
		migrations = List.copyOf(migrations);
		warnings = List.copyOf(warnings);
		problems = List.copyOf(problems);
		emptyFilesystemLocations = List.copyOf(emptyFilesystemLocations);
	}

}
