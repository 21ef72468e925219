package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A SQLite connection as a command found it: its per-connection pragmas, the files attached to it
 * and its temporary tables, put back after each migration.
 * <p>
 * {@code journal_mode} is put back too, though it is the one a migration may mean to change for good
 * (WAL is kept in the file): the application chose how it opens its database, and a migration is the
 * wrong place to change that behind its back. Leaving WAL needs the database to itself, so where
 * other connections are open that fails, and is logged.
 */
final class SqliteSessionState implements SessionState {

	/** Read with {@code PRAGMA name}, set with {@code PRAGMA name = value}. */
	private static final List<String> PRAGMAS = List.of("foreign_keys", "recursive_triggers", "defer_foreign_keys",
			"synchronous", "cache_size", "busy_timeout", "query_only", "temp_store", "automatic_index",
			"ignore_check_constraints", "reverse_unordered_selects", "legacy_alter_table", "trusted_schema",
			"cell_size_check", "cache_spill", "secure_delete", "writable_schema", "locking_mode", "journal_mode");

	/** Pragmas SQLite will not change, or ignores, inside a transaction; put back after it. */
	private static final Set<String> OUTSIDE_TRANSACTION = Set.of("foreign_keys", "defer_foreign_keys", "synchronous",
			"journal_mode", "locking_mode");

	/** case_sensitive_like has no getter: {@code 'a' LIKE 'A'} tells it. */
	private static final String CASE_SENSITIVE_LIKE = "case_sensitive_like";

	private final Map<String, String> pragmas;

	private final Set<String> attached;

	private final Set<String> temporary;

	private SqliteSessionState(Map<String, String> pragmas, Set<String> attached, Set<String> temporary) {
		this.pragmas = pragmas;
		this.attached = attached;
		this.temporary = temporary;
	}

	static SqliteSessionState of(Connection connection) throws SQLException {
		Map<String, String> pragmas = new LinkedHashMap<>();
		Set<String> attached = new java.util.LinkedHashSet<>();
		Set<String> temporary = new java.util.LinkedHashSet<>();
		try (Statement statement = connection.createStatement()) {
			for (String pragma : PRAGMAS) {
				try (ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
					if (rs.next()) {
						pragmas.put(pragma, rs.getString(1));
					}
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT 'a' LIKE 'A'")) {
				rs.next();
				pragmas.put(CASE_SENSITIVE_LIKE, (rs.getInt(1) == 1) ? "0" : "1");
			}
			try (ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
				while (rs.next()) {
					// temp appears once anything reads the temporary schema (this method does, below): not an attachment
					if (!"temp".equals(rs.getString("name"))) {
						attached.add(rs.getString("name"));
					}
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT type, name FROM sqlite_temp_master"
					+ " WHERE type IN ('table', 'view', 'trigger')")) {
				while (rs.next()) {
					temporary.add(rs.getString(1) + " " + rs.getString(2));
				}
			}
		}
		return new SqliteSessionState(pragmas, attached, temporary);
	}

	@Override
	public List<String> restore(Connection connection, boolean inTransaction) throws SQLException {
		SqliteSessionState now = of(connection);
		List<String> failed = new ArrayList<>();
		for (Map.Entry<String, String> pragma : this.pragmas.entrySet()) {
			String name = pragma.getKey();
			if (Objects.equals(pragma.getValue(), now.pragmas.get(name))
					|| (inTransaction && OUTSIDE_TRANSACTION.contains(name))) {
				continue;
			}
			execute(connection, "PRAGMA " + name + " = " + pragma.getValue(), name, failed);
			if (!name.equals(CASE_SENSITIVE_LIKE) && !Objects.equals(pragma.getValue(), read(connection, name))) {
				failed.add(name + " (still " + read(connection, name) + ", was " + pragma.getValue() + ")");
			}
		}
		for (String entry : now.temporary) {
			if (!this.temporary.contains(entry)) {
				String[] parts = entry.split(" ", 2);
				execute(connection, "DROP " + parts[0].toUpperCase(java.util.Locale.ROOT) + " IF EXISTS temp."
						+ quote(parts[1]), "temporary " + entry, failed);
			}
		}
		if (!inTransaction) {
			for (String name : now.attached) {
				if (!this.attached.contains(name)) {
					execute(connection, "DETACH DATABASE " + quote(name), "attached database " + name, failed);
				}
			}
		}
		return failed;
	}

	private static String read(Connection connection, String pragma) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	private static void execute(Connection connection, String sql, String what, List<String> failed) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			failed.add(what + " (" + ex.getMessage() + ")");
		}
	}

}
