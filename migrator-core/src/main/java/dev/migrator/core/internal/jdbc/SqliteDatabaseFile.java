package dev.migrator.core.internal.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Where a SQLite connection's main database lives on disk, as SQLite itself reports it. */
public final class SqliteDatabaseFile {

	private SqliteDatabaseFile() {
	}

	/**
	 * The main database's file, from {@code PRAGMA database_list}; empty for an in-memory or
	 * temporary database, which has none.
	 */
	public static Optional<Path> of(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
			while (rs.next()) {
				if ("main".equals(rs.getString("name"))) {
					String file = rs.getString("file");
					return (file == null || file.isEmpty()) ? Optional.empty() : Optional.of(Path.of(file));
				}
			}
		}
		throw new SQLException("PRAGMA database_list did not list the main database");
	}

}
