package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SQLite's proof: {@code PRAGMA data_version} answers the same on one connection as long as no
 * other connection, in this process or another, committed to the file; the connection's own
 * commits (the migration's, the history's) leave it unchanged. It is read from the file's change
 * counter or the WAL index when the connection next reads, so it sees every commit of every
 * process. The row count of every table at the mark then names where the foreign writes went.
 */
final class SqliteForeignWrites implements ForeignWrites {

	@Override
	public Mark mark(Connection connection) throws SQLException {
		long version = dataVersion(connection);
		Map<String, Long> counts = rowCounts(connection);
		return (again) -> {
			long now = dataVersion(again);
			if (now == version) {
				return Optional.empty();
			}
			return Optional.of("another connection committed to the database file since (PRAGMA data_version went from "
					+ version + " to " + now + ")" + changedTables(counts, countsOrNone(again)));
		};
	}

	/** ": rows changed in orders (+3), …", from the tables' row counts, the migration's own changes included. */
	static String changedTables(Map<String, Long> before, Map<String, Long> after) {
		List<String> changed = new ArrayList<>();
		after.forEach((table, count) -> {
			Long was = before.get(table);
			if (was != null && !was.equals(count)) {
				long delta = count - was;
				changed.add(table + " (" + ((delta > 0) ? "+" : "") + delta + " rows)");
			}
		});
		return changed.isEmpty() ? "" : "; tables whose row count changed since (the migration's own changes included): "
				+ String.join(", ", changed);
	}

	/** A database a failed run damaged may not count; the proof above stands without the names. */
	private static Map<String, Long> countsOrNone(Connection connection) {
		try {
			return rowCounts(connection);
		}
		catch (SQLException ex) {
			return Map.of();
		}
	}

	private static long dataVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static Map<String, Long> rowCounts(Connection connection) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
		}
		Map<String, Long> counts = new TreeMap<>();
		try (Statement statement = connection.createStatement()) {
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
					rs.next();
					counts.put(table, rs.getLong(1));
				}
			}
		}
		return counts;
	}

}
