package dev.migrator.core.internal.command;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.sql.SqlStatement;
import dev.migrator.core.internal.sql.StatementSplitter;

/**
 * Asks the database to compile the pending scripts' statements without running them, where it can:
 * SQLite's {@code EXPLAIN} compiles any statement, PostgreSQL's {@code PREPARE} only DML. Only a
 * syntax error counts: a statement over a table an earlier statement creates cannot compile before
 * that one runs, and is counted as not checked. What was and was not checked is said plainly, since
 * a validation that passes must not read as "these scripts run".
 */
final class SyntaxCheck {

	private static final Set<String> SQLITE_CHECKED = Set.of("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE",
			"SELECT", "WITH", "REPLACE");

	private static final Set<String> POSTGRES_CHECKED = Set.of("INSERT", "UPDATE", "DELETE", "SELECT", "WITH", "VALUES");

	private static final Pattern SQLITE_SYNTAX = Pattern.compile("syntax error|incomplete input|unrecognized token");

	private static final String POSTGRES_SYNTAX_STATE = "42601";

	private SyntaxCheck() {
	}

	/**
	 * Adds each syntax error as a problem ({@code file:line: message}); returns a sentence on what
	 * could not be checked, or null when every statement was (or nothing is pending).
	 */
	static String run(Connection connection, StatementSplitter splitter, List<ResolvedMigration> pending,
			List<String> problems) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		boolean sqlite = product.contains("sqlite");
		boolean postgres = product.contains("postgres") && connection.getAutoCommit();
		int checked = 0;
		int notChecked = 0;
		for (ResolvedMigration migration : pending) {
			if (migration.up() == null) {
				continue;
			}
			List<SqlStatement> statements;
			try {
				statements = ScriptStatements.all(splitter, migration.up());
			}
			catch (IOException | RuntimeException ex) {
				continue; // the split's own check reports it
			}
			for (SqlStatement statement : statements) {
				if (statement.control().controls()) {
					continue;
				}
				String word = firstWord(statement.sql());
				if (sqlite && SQLITE_CHECKED.contains(word)) {
					String error = compile(connection, "EXPLAIN " + statement.sql(), null);
					if (error == null) {
						checked++;
					}
					else if (SQLITE_SYNTAX.matcher(error).find()) {
						problems.add(migration.up().name() + ":" + statement.line() + ": " + error
								+ " (found by SQLite's EXPLAIN, without running it)");
						checked++;
					}
					else {
						notChecked++;
					}
				}
				else if (postgres && POSTGRES_CHECKED.contains(word)) {
					String[] state = new String[1];
					String error = compile(connection, "PREPARE migrator_syntax_check AS " + statement.sql(), state);
					if (error == null) {
						compile(connection, "DEALLOCATE migrator_syntax_check", null);
						checked++;
					}
					else if (POSTGRES_SYNTAX_STATE.equals(state[0])) {
						problems.add(migration.up().name() + ":" + statement.line() + ": " + error
								+ " (found by PostgreSQL's PREPARE, without running it)");
						checked++;
					}
					else {
						notChecked++;
					}
				}
				else {
					notChecked++;
				}
			}
		}
		if (notChecked == 0) {
			return null;
		}
		return "Syntax checked without running: " + checked + " of " + (checked + notChecked) + " statements of the"
				+ " pending migrations; " + notChecked + " could not be (" + (sqlite ? "they use tables that earlier"
						+ " statements create" : postgres ? "PostgreSQL compiles only DML without running it, or they use"
								+ " tables that earlier statements create" : "this database cannot compile a statement"
										+ " without running it")
				+ "): only a dry run runs them";
	}

	private static String compile(Connection connection, String sql, String[] state) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
			return null;
		}
		catch (SQLException ex) {
			if (state != null) {
				state[0] = ex.getSQLState();
			}
			return ex.getMessage();
		}
	}

	private static String firstWord(String sql) {
		String text = sql.stripLeading();
		// comments before the statement
		while (text.startsWith("--") || text.startsWith("/*")) {
			int end = text.startsWith("--") ? text.indexOf('\n') : text.indexOf("*/");
			if (end < 0) {
				return "";
			}
			text = text.substring(end + (text.startsWith("--") ? 1 : 2)).stripLeading();
		}
		int i = 0;
		while (i < text.length() && Character.isLetter(text.charAt(i))) {
			i++;
		}
		return text.substring(0, i).toUpperCase(Locale.ROOT);
	}

}
