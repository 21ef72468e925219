package dev.migrator.core.api;

import java.util.List;

/** A validation that passed: how many migrations were checked, and warnings worth reading. */
public record ValidateResult(int migrationsChecked, List<String> warnings) {

	public ValidateResult {
		warnings = List.copyOf(warnings);
	}

}
