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

	static RestoreResult restore(Session session, BackupStore store, String id, String currentVersion)
			throws SQLException {
		Connection connection = session.connection();
		List<LogRecord> before = session.history().log(connection);
		RestoreResult result = store.restore(connection, id, currentVersion);
		// a backup taken before the first run has no history tables
		session.history().create(connection);
		connection.setAutoCommit(false);
		try {
			int carried = session.history().carryOver(connection, before);
			connection.commit();
			logger.info("Carried {} log entries written since backup {} over into the restored database", carried, id);
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
		// the safety backup is one more file: the ceilings hold after a restore too
		store.prune(result.restored().id());
		return result;
	}

}
