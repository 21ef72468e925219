package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.history.AppliedMigration.Status;

/**
 * Migrations recorded applied without running, because a precondition marked on-fail=skip was
 * false. The history row keeps the code's description (so nothing disagrees); the log's migrate
 * entry carries the skip, and a rollback reads it there: a down of a migration that never ran must
 * not run either.
 */
final class SkippedMigrations {

	private static final String MARK = " (skipped: ";

	private SkippedMigrations() {
	}

	/** The log's description of a skipped apply: the migration's description and why it was skipped. */
	static String logDescription(String description, String wasFalse) {
		return description + MARK + wasFalse + ")";
	}

	/**
	 * The applied rows among {@code rows} whose latest successful migrate entry was a skip, with why.
	 * @return version to the reason, e.g. "precondition SELECT ... was false (it returned 1)"
	 */
	static Map<MigrationVersion, String> of(Session session, List<AppliedMigration> rows) throws SQLException {
		Map<MigrationVersion, String> skipped = new TreeMap<>();
		Map<MigrationVersion, String> applies = session.history().latestApplies(session.connection());
		for (AppliedMigration row : rows) {
			String logged = applies.get(row.version());
			String prefix = row.description() + MARK;
			if (row.status() == Status.APPLIED && logged != null && logged.startsWith(prefix) && logged.endsWith(")")) {
				skipped.put(row.version(), logged.substring(prefix.length(), logged.length() - 1));
			}
		}
		return skipped;
	}

	/** The rollback preview of a skipped migration: no down runs, so nothing is removed. */
	static DataLoss preview(MigrationVersion version, String why) {
		return new DataLoss(version, List.of("its down is not run: the migration was skipped when applied (" + why + ")"), 0);
	}

}
