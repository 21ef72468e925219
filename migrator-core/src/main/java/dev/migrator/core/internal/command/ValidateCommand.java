package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidateResult;
import dev.migrator.core.api.ValidationException;

/**
 * Checks the code against the history, that pending scripts split, and their syntax where the
 * database compiles without running ({@link SyntaxCheck}), changing nothing.
 */
public final class ValidateCommand {

	private final Session session;

	public ValidateCommand(Session session) {
		this.session = session;
	}

	public ValidateResult run() {
		try {
			MigrationStates states = this.session.states();
			List<String> problems = new ArrayList<>(states.problems());
			Preflight.checkScripts(new MigrationExecutor(this.session.connection(), this.session.dialect()),
					states.pending(), false, problems);
			String notChecked = SyntaxCheck.run(this.session.connection(), this.session.dialect().splitter(),
					states.pending(), problems);
			if (!problems.isEmpty()) {
				throw new ValidationException(problems);
			}
			List<String> warnings = new ArrayList<>(states.warnings());
			if (notChecked != null) {
				warnings.add(notChecked);
			}
			return new ValidateResult(states.infos().size(), warnings);
		}
		catch (SQLException ex) {
			if (this.session.migrating().isPresent() && SqliteReads.isLocked(ex)) {
				throw new MigratorException("Cannot validate now: a migration is in progress ("
						+ this.session.migrating().get().holder().describe() + ") and keeps the database locked while"
						+ " it writes. Validate again when it is done; status and info say where it is.", ex);
			}
			throw Failures.database("validate", ex);
		}
	}

}
