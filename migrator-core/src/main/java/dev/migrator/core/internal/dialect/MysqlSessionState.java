package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A MySQL or MariaDB session as a command found it: its session variables ({@code SHOW SESSION
 * VARIABLES}), its current database and its user variables, put back after each migration.
 * <p>
 * Not {@code COM_RESET_CONNECTION} (MariaDB Connector/J's {@code Connection.reset()}, Connector/J's
 * {@code resetServerState()}): it would put every variable back to the server's global default,
 * which is not what the connection had when the application lent it (a pool's init SQL, the
 * driver's {@code sessionVariables}, {@code SET NAMES} from the URL), and it would also drop the
 * application's own temporary tables, prepared statements and user variables. Only what differs is
 * set back, so a migration that changes nothing costs one query.
 */
final class MysqlSessionState implements SessionState {

	/** Variables the server changes by itself, statement by statement: not the migration's doing. */
	private static final Set<String> MOVING = Set.of("timestamp", "last_insert_id", "insert_id", "identity",
			"rand_seed1", "rand_seed2", "warning_count", "error_count", "in_transaction", "last_gtid", "gtid_seq_no",
			"gtid_next", "gtid_owned", "pseudo_thread_id", "resultset_metadata", "transaction_allow_batching",
			"original_commit_timestamp", "immediate_server_version", "original_server_version");

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private final Map<String, String> variables;

	private final String database;

	/** Null where the server does not show them (MySQL without performance_schema). */
	private final Map<String, String> userVariables;

	private MysqlSessionState(Map<String, String> variables, String database, Map<String, String> userVariables) {
		this.variables = variables;
		this.database = database;
		this.userVariables = userVariables;
	}

	static MysqlSessionState of(Connection connection) throws SQLException {
		Map<String, String> variables = new LinkedHashMap<>();
		String database;
		try (Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SHOW SESSION VARIABLES")) {
				while (rs.next()) {
					String name = rs.getString(1).toLowerCase(Locale.ROOT);
					if (!MOVING.contains(name)) {
						variables.put(name, rs.getString(2));
					}
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
				rs.next();
				database = rs.getString(1);
			}
		}
		return new MysqlSessionState(variables, database, userVariables(connection));
	}

	/** MariaDB's information_schema, or MySQL 8's performance_schema; null where neither answers. */
	private static Map<String, String> userVariables(Connection connection) {
		for (String sql : new String[] { "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.USER_VARIABLES",
				"SELECT VARIABLE_NAME, VARIABLE_VALUE FROM performance_schema.user_variables_by_thread"
						+ " WHERE THREAD_ID = PS_CURRENT_THREAD_ID()" }) {
			try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
				Map<String, String> values = new LinkedHashMap<>();
				while (rs.next()) {
					values.put(rs.getString(1), rs.getString(2));
				}
				return values;
			}
			catch (SQLException ex) {
				// not this server's way: try the next
			}
		}
		return null;
	}

	@Override
	public List<String> restore(Connection connection, boolean inTransaction) throws SQLException {
		List<String> failed = new ArrayList<>();
		if (inTransaction) {
			// before any query: a SELECT would begin the next transaction with a migration's READ ONLY, and the
			// engine's history row would be refused in it
			for (String name : List.of("transaction_read_only", "tx_read_only", "transaction_isolation", "tx_isolation")) {
				String before = this.variables.get(name);
				if (before != null) {
					execute(connection, "SET SESSION " + name + " = " + literal(before, true), name, failed);
				}
			}
		}
		MysqlSessionState now = of(connection);
		if (!Objects.equals(now.database, this.database)) {
			if (this.database == null) {
				failed.add("the current database (" + now.database + "; the session had none, and MySQL cannot unset it)");
			}
			else {
				execute(connection, "USE " + quoteIdentifier(this.database), "the current database", failed);
			}
		}
		// sql_mode first: it decides how the values after it are read
		List<String> names = new ArrayList<>(this.variables.keySet());
		names.remove("sql_mode");
		names.add(0, "sql_mode");
		boolean backslashEscapes = !String.valueOf(this.variables.get("sql_mode")).contains("NO_BACKSLASH_ESCAPES");
		for (String name : names) {
			String before = this.variables.get(name);
			// inside a transaction, autocommit = 1 would commit it
			if (inTransaction && name.equals("autocommit")) {
				continue;
			}
			if (before != null && !before.equals(now.variables.get(name))) {
				execute(connection, "SET SESSION " + name + " = " + literal(before, backslashEscapes), name, failed);
			}
		}
		if (this.userVariables != null && now.userVariables != null) {
			for (Map.Entry<String, String> variable : now.userVariables.entrySet()) {
				String before = this.userVariables.get(variable.getKey());
				if (!Objects.equals(before, variable.getValue())) {
					// unset and NULL read the same; a value comes back as text, which is how it reads in SQL
					execute(connection, "SET " + userVariable(variable.getKey()) + " = "
							+ ((before != null) ? literal(before, backslashEscapes) : "NULL"), "@" + variable.getKey(), failed);
				}
			}
		}
		return failed;
	}

	private static String literal(String value, boolean backslashEscapes) {
		if (NUMBER.matcher(value).matches()) {
			return value;
		}
		String escaped = backslashEscapes ? value.replace("\\", "\\\\") : value;
		return "'" + escaped.replace("'", "''") + "'";
	}

	private static String quoteIdentifier(String name) {
		return '`' + name.replace("`", "``") + '`';
	}

	private static String userVariable(String name) {
		return "@" + quoteIdentifier(name);
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
