package dev.migrator.cli;

import dev.migrator.core.api.MigrationVersion;

/** A version given on the command line, checked before the engine sees it. */
final class VersionArgument {

	private VersionArgument() {
	}

	/** The parsed version, or null for null; a malformed one is bad input naming the option. */
	static MigrationVersion parse(String text, String option) {
		if (text == null) {
			return null;
		}
		try {
			return MigrationVersion.parse(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new BadInputException(option + ": " + ex.getMessage());
		}
	}

	/** A label for a migration in progress lines: "002 add tags". */
	static String label(MigrationVersion version, String description) {
		return version + " " + description;
	}

}
