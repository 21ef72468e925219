package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads in one transaction, so what is read is one state, then leaves the connection in auto-commit as it found it. */
final class ReadSnapshot {

	private ReadSnapshot() {
	}

	static <T> T read(Connection connection, Reading<T> reading) throws SQLException {
		connection.setAutoCommit(false);
		try {
			return reading.read();
		}
		finally {
			try {
				connection.rollback();
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

	@FunctionalInterface
	interface Reading<T> {

		T read() throws SQLException;

	}

}
