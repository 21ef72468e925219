package dev.migrator.core.internal.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import dev.migrator.core.internal.lock.FileMigrationLock;
import dev.migrator.core.internal.lock.LockHolder;

/**
 * What a read-only command needs to know about a SQLite file before it reads it: whether a migration
 * holds its lock (then the database may be write-locked for as long as the migration runs), and a busy
 * timeout to match. Neither reads the database: {@code PRAGMA database_list} and {@code busy_timeout}
 * take no lock on it.
 */
final class SqliteReads {

	/** SQLite's primary result codes for "another connection holds a lock". */
	private static final int BUSY = 5;

	private static final int LOCKED = 6;

	private SqliteReads() {
	}

	/** A migration holding the lock: who, and the version it says it committed last (or null). */
	record InProgress(LockHolder holder, String committed) {
	}

	/** Who holds the migration lock of the connection's SQLite file; empty when free, or another database. */
	static Optional<InProgress> migrationInProgress(Connection connection) throws SQLException {
		if (!"SQLite".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
			return Optional.empty();
		}
		Optional<Path> lockFile = FileMigrationLock.lockFileFor(connection);
		if (lockFile.isEmpty()) {
			return Optional.empty();
		}
		FileMigrationLock lock = new FileMigrationLock(lockFile.get(), lockFile.get().toString());
		return lock.holder().map((holder) -> new InProgress(holder, lock.lastCommitted().orElse(null)));
	}

	/** Sets the connection's busy timeout and returns the one it had. */
	static int shortenBusyTimeout(Connection connection, int millis) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			int previous;
			try (ResultSet rs = statement.executeQuery("PRAGMA busy_timeout")) {
				previous = rs.next() ? rs.getInt(1) : 0;
			}
			statement.execute("PRAGMA busy_timeout = " + millis);
			return previous;
		}
	}

	/** Whether a failure is SQLite's "the database is locked" (by a writer), anywhere in its causes. */
	static boolean isLocked(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				int code = sql.getErrorCode() & 0xff;
				if (code == BUSY || code == LOCKED) {
					return true;
				}
			}
		}
		return false;
	}

}
