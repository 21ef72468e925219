package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.List;

import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;

/**
 * The database's own consistency check after a run that changed it; a failure restores the run's
 * backup, since no transaction can undo a run that already committed.
 */
final class IntegrityCheck {

	private IntegrityCheck() {
	}

	static void afterRun(Session session, RunBackup backup, MigrationVersion current) throws SQLException {
		List<String> problems = session.dialect()
			.integrityProblems(session.connection(), session.configuration().integrityCheck());
		if (problems.isEmpty()) {
			return;
		}
		String found = String.join("; ", problems.subList(0, Math.min(problems.size(), 10)));
		String restored = backup.restoreAfter("the integrity check after the run failed", current);
		session.log(null, null, LogRecord.MIGRATE, false, "integrity check after the run failed: " + found, null);
		throw new MigratorException("The database's integrity check failed after the run: " + found + ". " + restored
				+ " Find what the migrations did to the file (see the log), fix them, then run again.");
	}

}
