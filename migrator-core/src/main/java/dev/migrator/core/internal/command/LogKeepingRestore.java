package dev.migrator.core.internal.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.LogRecord;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.backup.RestoreResult;

/**
 * A restore that keeps the append-only log: the backup brings back its own, older log, so the
 * entries written since (failures and their errors among them) are read before and appended
 * again after, in one transaction. Every restore, by hand or automatic, goes through here.
 */
final class LogKeepingRestore {

	private static final Logger logger = LoggerFactory.getLogger(LogKeepingRestore.class);

	private LogKeepingRestore() {
	}

	/**
	 * Restores backup {@code id} and logs a {@code restore} entry saying {@code why} ("on request",
	 * "after ..."), with its duration when {@code timed}. Once the backup is in place the restore has
	 * happened: a log that cannot be carried over or written after it is said in {@code warnings},
	 * not thrown, so that no caller reports a restore that happened as one that failed.
	 */
	static RestoreResult restore(Session session, BackupStore store, String id, String currentVersion, String why,
			boolean timed, List<String> warnings) throws SQLException {
		long start = System.nanoTime();
		Connection connection = session.connection();
		List<LogRecord> before = session.history().log(connection);
		RestoreResult result = store.restore(connection, id, currentVersion);
		try {
			// a backup taken before the first run has no history tables
			session.history().create(connection);
			connection.setAutoCommit(false);
			try {
				int carried = session.history().carryOver(connection, before);
				connection.commit();
				logger.info("Carried {} log entries written since backup {} over into the restored database", carried,
						id);
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException | RuntimeException ex) {
			String warning = "Backup " + id + " was restored, but the log entries written since it was taken could not"
					+ " be carried over into the restored log (" + ex.getMessage() + "); they are kept in backup "
					+ result.safetyBackup().id() + ", the state before the restore";
			logger.warn(warning, ex);
			warnings.add(warning);
		}
		try {
			session.log(null, null, LogRecord.RESTORE, true, "restored backup " + id + " " + why
					+ "; the state before the restore is in backup " + result.safetyBackup().id(),
					timed ? MigrateCommand.millisSince(start) : null);
		}
		catch (SQLException | RuntimeException ex) {
			warnings.add("The restore itself could not be written to the log (" + ex.getMessage() + ").");
		}
		// the safety backup is one more file: the ceilings hold after a restore too
		store.prune(result.restored().id());
		return result;
	}

}
