package dev.migrator.core.internal.resolve;

import java.util.List;

import dev.migrator.core.api.MigrationVersion;

/**
 * What a migration needs before it applies, from its file's leading directives:
 * {@code -- migrator:requires 003, 005} (versions that must be applied first, and stay applied
 * while it is) and {@code -- migrator:precondition [on-fail=refuse|skip] <query>}.
 */
public record Prerequisites(List<Required> requires, List<Precondition> preconditions) {

	public static final Prerequisites NONE = new Prerequisites(List.of(), List.of());

	public Prerequisites {
		requires = List.copyOf(requires);
		preconditions = List.copyOf(preconditions);
	}

	public boolean isEmpty() {
		return this.requires.isEmpty() && this.preconditions.isEmpty();
	}

	/** For {@code info}: e.g. "requires 003, 005; precondition: SELECT ...", or null when there is none. */
	public String describe() {
		StringBuilder note = new StringBuilder();
		if (!this.requires.isEmpty()) {
			note.append("requires ")
				.append(String.join(", ", this.requires.stream().map((r) -> r.version().toString()).toList()));
		}
		for (Precondition precondition : this.preconditions) {
			note.append(note.isEmpty() ? "" : "; ")
				.append("precondition")
				.append(precondition.skipOnFail() ? " (on-fail=skip)" : "")
				.append(": ")
				.append(precondition.query());
		}
		return note.isEmpty() ? null : note.toString();
	}

	/** A required version and the file line that names it. */
	public record Required(MigrationVersion version, int line) {
	}

	/**
	 * A query whose one row's first column must be true (or a non-zero number) for the migration to
	 * run; when it is not, the migration is refused, or, with {@code skipOnFail}, recorded without running.
	 */
	public record Precondition(String query, boolean skipOnFail, int line) {
	}

}
