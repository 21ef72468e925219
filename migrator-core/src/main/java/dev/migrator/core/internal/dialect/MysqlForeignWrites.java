package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MySQL's and MariaDB's proof: every row any connection inserts, updates or deletes goes through
 * the storage-engine handler and is counted in that connection's {@code Handler_write},
 * {@code Handler_update} and {@code Handler_delete}; {@code SHOW GLOBAL STATUS} sums them over
 * every connection, live or closed. What the global sums grew by, less what the run's own session
 * counted, is what every other connection wrote. Zero proves nobody else wrote; anything else
 * (another database on the server included, and on MySQL internal temporary tables, which MariaDB
 * counts apart as {@code Handler_tmp_*}) is a reason not to restore. The global sums are read
 * before the session's at the mark and after them at the end, so the run's own status queries can
 * only make the difference larger, never hide a write. The binary log would say more, but it is
 * often off; the statement counters ({@code Com_insert}) count statements, not rows written.
 */
final class MysqlForeignWrites implements ForeignWrites {

	private static final String ROW_WRITES = "SHOW %s STATUS WHERE Variable_name IN ('Handler_write', 'Handler_update', "
			+ "'Handler_delete')";

	@Override
	public Mark mark(Connection connection) throws SQLException {
		long global = rowWrites(connection, "GLOBAL");
		long session = rowWrites(connection, "SESSION");
		Instant since = Instant.now();
		return (again) -> {
			long sessionNow = rowWrites(again, "SESSION");
			long globalNow = rowWrites(again, "GLOBAL");
			long others = (globalNow - global) - (sessionNow - session);
			if (others <= 0) {
				return Optional.empty();
			}
			return Optional.of("other connections wrote " + others + " rows on this server since (SHOW GLOBAL STATUS "
					+ "Handler_write/_update/_delete grew by more than this run's own session)" + tablesUpdated(again, since));
		};
	}

	private static long rowWrites(Connection connection, String scope) throws SQLException {
		long sum = 0;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(String.format(ROW_WRITES, scope))) {
			while (rs.next()) {
				sum += rs.getLong(2);
			}
		}
		return sum;
	}

	/** "; tables written since: orders, …" from UPDATE_TIME (whole seconds, the migration's own writes included). */
	private static String tablesUpdated(Connection connection, Instant since) {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT table_name, update_time FROM information_schema.tables "
						+ "WHERE table_schema = DATABASE() AND update_time IS NOT NULL ORDER BY table_name")) {
			while (rs.next()) {
				Timestamp updated = rs.getTimestamp(2);
				// UPDATE_TIME is in whole seconds, in the server's zone as the driver reads it: a second of slack
				if (updated != null && !updated.toInstant().isBefore(since.minusSeconds(1))) {
					tables.add(rs.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			return "";
		}
		return tables.isEmpty() ? "" : "; tables written since, by anyone (the migration included): " + String.join(", ", tables);
	}

}
