package dev.migrator.core.internal.resolve;

import java.util.List;

/** The migrations found in the code, in version order, and warnings about what was passed over. */
public record Resolution(List<ResolvedMigration> migrations, List<String> warnings) {

	public Resolution {
		migrations = List.copyOf(migrations);
		warnings = List.copyOf(warnings);
	}

}
