package dev.migrator.core.api;

import java.util.List;
import java.util.Objects;

/**
 * What checking one pending migration's down found: its up, then its down, then its up again, run
 * on a copy of the database (SQLite) or in a transaction that is rolled back (PostgreSQL).
 *
 * @param version the migration
 * @param description what it does
 * @param outcome the verdict
 * @param differences for {@link Outcome#SCHEMA_DIFFERS}: each object whose definition after the down
 * is not what it was before the up ({@code "table tags: left by the down"}); otherwise empty
 * @param error for {@link Outcome#FAILED}: the failure (file:line and the database's message); otherwise null
 */
public record DownCheck(MigrationVersion version, String description, Outcome outcome, List<String> differences,
		String error) {

	public DownCheck {
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(outcome, "outcome");
		differences = List.copyOf(differences);
	}

	/** Whether the down restores the schema as it was. */
	public boolean passed() {
		return this.outcome == Outcome.RESTORES_SCHEMA;
	}

	/** The verdict on one down. */
	public enum Outcome {

		/** Up, down and up again ran, and the schema after the down is the one before the up. */
		RESTORES_SCHEMA,

		/** The down ran, but the schema after it differs from the one before the up. */
		SCHEMA_DIFFERS,

		/** The migration has no down. */
		NO_DOWN,

		/** The up, the down or the second up failed. */
		FAILED

	}

}
