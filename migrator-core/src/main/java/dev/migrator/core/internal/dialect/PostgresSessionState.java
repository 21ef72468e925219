package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A PostgreSQL session as a command found it, put back item by item.
 * <p>
 * Not {@code DISCARD ALL}: it cannot run inside a transaction (so not before the engine's history
 * row, nor behind PgBouncer's transaction pooling, where only statements of one transaction share a
 * server connection), and it would also drop what the application had made on its connection before
 * lending it (its temporary tables, prepared statements, {@code SET}s of a pool's init SQL). Instead
 * the values are read when the session begins and put back after each migration: {@code RESET ALL}
 * (which, unlike DISCARD, runs in a transaction and touches only settings) takes every setting back to
 * its start value, custom ones ({@code app.x}) included, which no view lists, and the settings the
 * session had set itself are set again ({@code set_config}); what the migration added (temporary
 * tables, prepared statements, {@code LISTEN}, session advisory locks, holdable cursors) is dropped.
 * The one loss: a custom setting the application had set on its connection before lending it reads ''
 * afterwards, since nothing lists it to save. Session user and
 * role are not in {@code pg_settings}, so they are read apart. Inside a transaction the settings and
 * the role are put back before the engine writes the history, in that transaction, so a pooler's
 * server connection gets them too.
 */
final class PostgresSessionState implements SessionState {

	/**
	 * What a restore reads: everything but the settings, which it puts back whatever they are now
	 * (reading {@code pg_settings} costs about 0.7 ms of server time, more than the rest together,
	 * and a restore runs twice per migration). A prepared statement, though once DDL has run on the
	 * connection pgjdbc prepares it anew at each use (seen: a new server-side name every time), so
	 * planning this union of catalog views, about 0.4 ms, is paid at each read after a migration.
	 * The temporary relations are looked for only in a session that has a temporary schema (a
	 * one-time filter): no index leads with {@code relnamespace}, so the search reads all of
	 * {@code pg_class}, which grows with every table the migrations create.
	 */
	private static final String ITEMS = "SELECT 'authorization', '', current_setting('session_authorization')"
			+ " UNION ALL SELECT 'role', '', current_setting('role')"
			+ " UNION ALL SELECT 'prepared', name, NULL FROM pg_prepared_statements WHERE from_sql"
			+ " UNION ALL SELECT 'temporary', c.relname, c.relkind::text FROM pg_class c"
			+ " WHERE pg_my_temp_schema() <> 0 AND c.relnamespace = pg_my_temp_schema() AND c.relkind IN ('r', 'p', 'v', 'S')"
			+ " UNION ALL SELECT 'listen', l, NULL FROM pg_listening_channels() l"
			+ " UNION ALL SELECT 'cursor', name, NULL FROM pg_cursors WHERE is_holdable"
			+ " UNION ALL SELECT 'advisory', classid::text || ' ' || objid::text || ' ' || objsubid::text, NULL"
			+ " FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted";

	/** The whole state of a session as lent: its own settings too. */
	private static final String SNAPSHOT = "SELECT 'setting', name, setting FROM pg_settings WHERE source = 'session'"
			+ " UNION ALL " + ITEMS;

	private final Map<String, String> settings;

	private final String authorization;

	private final String role;

	private final List<String> items;

	private PostgresSessionState(Map<String, String> settings, String authorization, String role, List<String> items) {
		this.settings = settings;
		this.authorization = authorization;
		this.role = role;
		this.items = items;
	}

	static PostgresSessionState of(Connection connection) throws SQLException {
		return read(connection, SNAPSHOT);
	}

	private static PostgresSessionState read(Connection connection, String query) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query); ResultSet rs = statement.executeQuery()) {
			return read(rs);
		}
	}

	private static PostgresSessionState read(ResultSet rs) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		String authorization = null;
		String role = null;
		List<String> items = new ArrayList<>();
		while (rs.next()) {
			String kind = rs.getString(1);
			switch (kind) {
				case "setting" -> settings.put(rs.getString(2), rs.getString(3));
				case "authorization" -> authorization = rs.getString(3);
				case "role" -> role = rs.getString(3);
				default -> items.add(kind + "\t" + rs.getString(2) + "\t" + rs.getString(3));
			}
		}
		return new PostgresSessionState(settings, authorization, role, items);
	}

	@Override
	public List<String> restore(Connection connection, boolean inTransaction) throws SQLException {
		Undo undo = new Undo(connection, inTransaction);
		List<String> failed = undo.failed;
		PostgresSessionState now = readAndResetSettings(connection, inTransaction);
		if (now == null) {
			// the batch was refused (a setting the current session user may not set, say) and changed
			// nothing: each step on its own, in the order that lets each succeed, saying what fails
			now = read(connection, ITEMS);
			// the session user first: setting it also resets the role
			putBackUser(undo, now);
			// custom settings (SET app.tenant = ...) are not in pg_settings, so no list finds them: RESET ALL
			// does, and the settings the session had set itself before are set again after it
			undo.execute("RESET ALL", "the settings (RESET ALL)");
			for (Map.Entry<String, String> setting : this.settings.entrySet()) {
				undo.put(setting.getKey(), setting.getValue());
			}
		}
		else {
			// RESET ALL leaves the session user as it is (the batch succeeding after a SET ROLE shows it
			// does reset the role): both are set back as lent, compared with what was read before it
			putBackUser(undo, now);
		}
		for (String item : now.items) {
			if (!this.items.contains(item)) {
				String[] parts = item.split("\t", -1);
				// session advisory locks cannot be told from a transaction's until the transaction ends
				if (!inTransaction || !parts[0].equals("advisory")) {
					undo.drop(parts[0], parts[1], parts[2]);
				}
			}
		}
		return failed;
	}

	private void putBackUser(Undo undo, PostgresSessionState now) {
		if (!Objects.equals(now.authorization, this.authorization)) {
			undo.put("session_authorization", this.authorization);
		}
		if (!Objects.equals(now.role, this.role) || !Objects.equals(now.authorization, this.authorization)) {
			undo.put("role", this.role);
		}
	}

	/**
	 * Reads the session as a migration left it, then puts every setting back ({@code RESET ALL}, then
	 * the session's own settings again) in one more round trip: this runs after every migration,
	 * twice (in its transaction and after it), where the statement by statement way took up to ten
	 * round trips, each settings change under its own savepoint. All or nothing: inside a
	 * transaction under a savepoint, outside one as one implicit transaction; the values are
	 * dollar-quoted literals, which read the same whatever the migration left
	 * {@code standard_conforming_strings} at.
	 * @return the state as the migration left it (without its settings), these now put back; null when any statement
	 * failed, with nothing changed
	 */
	PostgresSessionState readAndResetSettings(Connection connection, boolean inTransaction) throws SQLException {
		StringBuilder sql = new StringBuilder();
		if (inTransaction) {
			sql.append("SAVEPOINT migrator_session_restore; ");
		}
		sql.append("RESET ALL");
		if (!this.settings.isEmpty()) {
			StringBuilder calls = new StringBuilder();
			for (Map.Entry<String, String> setting : this.settings.entrySet()) {
				calls.append((calls.length() == 0) ? "; SELECT " : ", ")
					.append("set_config(")
					.append(dollarQuoted(setting.getKey()))
					.append(", ")
					.append(dollarQuoted(setting.getValue()))
					.append(", false)");
			}
			sql.append(calls);
		}
		if (inTransaction) {
			sql.append("; RELEASE SAVEPOINT migrator_session_restore");
		}
		PostgresSessionState now = read(connection, ITEMS);
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql.toString());
			return now;
		}
		catch (SQLException ex) {
			if (inTransaction) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("ROLLBACK TO SAVEPOINT migrator_session_restore; RELEASE SAVEPOINT migrator_session_restore");
				}
			}
			return null;
		}
	}

	private static String dollarQuoted(String value) {
		String text = (value != null) ? value : "";
		String tag = "$m$";
		for (int i = 0; text.contains(tag); i++) {
			tag = "$m" + i + "$";
		}
		return tag + text + tag;
	}

	/**
	 * The statements that put things back. Inside a transaction each runs under a savepoint: one that
	 * fails must not abort the transaction the engine still writes the history in.
	 */
	private static final class Undo {

		private final Connection connection;

		private final boolean inTransaction;

		private final List<String> failed = new ArrayList<>();

		Undo(Connection connection, boolean inTransaction) {
			this.connection = connection;
			this.inTransaction = inTransaction;
		}

		void put(String name, String value) {
			attempt(name + " (could not set it back to '" + value + "')", () -> {
				PostgresDialect.setConfig(this.connection, name, value, false);
				return null;
			});
		}

		void drop(String kind, String name, String detail) {
			switch (kind) {
				case "prepared" -> execute("DEALLOCATE " + quote(name), "prepared statement " + name);
				case "temporary" -> {
					String type = switch (detail) {
						case "v" -> "VIEW";
						case "S" -> "SEQUENCE";
						default -> "TABLE";
					};
					// IF EXISTS: dropping a table may have dropped its views and sequences with it
					execute("DROP " + type + " IF EXISTS pg_temp." + quote(name) + " CASCADE",
							"temporary " + type.toLowerCase(Locale.ROOT) + " " + name);
				}
				case "listen" -> execute("UNLISTEN " + quote(name), "LISTEN " + name);
				case "cursor" -> execute("CLOSE " + quote(name), "cursor " + name);
				case "advisory" -> attempt("advisory lock " + name, () -> {
					unlockAdvisory(name);
					return null;
				});
				default -> this.failed.add(kind + " " + name);
			}
		}

		/**
		 * A session advisory lock the migration took and kept: pg_locks shows a bigint key as its high
		 * and low halves (objsubid 1), a two-int key as they are (objsubid 2). Taken twice, held twice:
		 * unlocked until it is gone.
		 */
		private void unlockAdvisory(String key) throws SQLException {
			String[] parts = key.split(" ");
			long high = Long.parseLong(parts[0]);
			long low = Long.parseLong(parts[1]);
			boolean bigint = parts[2].equals("1");
			String sql = bigint ? "SELECT pg_advisory_unlock(?)" : "SELECT pg_advisory_unlock(?, ?)";
			try (PreparedStatement unlock = this.connection.prepareStatement(sql)) {
				if (bigint) {
					unlock.setLong(1, (high << 32) | low);
				}
				else {
					unlock.setInt(1, (int) high);
					unlock.setInt(2, (int) low);
				}
				for (int i = 0; i < 1000; i++) {
					try (ResultSet rs = unlock.executeQuery()) {
						if (!rs.next() || !rs.getBoolean(1)) {
							return;
						}
					}
				}
			}
		}

		void execute(String sql, String what) {
			attempt(what, () -> {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute(sql);
				}
				return null;
			});
		}

		private void attempt(String what, Callable<Void> action) {
			Savepoint savepoint = null;
			try {
				savepoint = this.inTransaction ? this.connection.setSavepoint() : null;
				action.call();
				if (savepoint != null) {
					this.connection.releaseSavepoint(savepoint);
				}
			}
			catch (Exception ex) {
				if (savepoint != null) {
					try {
						this.connection.rollback(savepoint);
					}
					catch (SQLException rollback) {
						ex.addSuppressed(rollback);
					}
				}
				this.failed.add(what + ": " + ex.getMessage());
			}
		}

	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}
