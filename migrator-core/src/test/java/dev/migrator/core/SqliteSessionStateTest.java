package dev.migrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class SqliteSessionStateTest extends SessionStateScenarios {

	private Path database;

	private int databases;

	@Override
	void newDatabase() throws Exception {
		Path folder = Files.createDirectories(this.dir.resolve("db" + (++this.databases)));
		this.database = folder.resolve("app.db");
	}

	/** Foreign keys on, as applications turn them on, so a migration has something to turn off. */
	@Override
	String jdbcUrl() {
		return "jdbc:sqlite:" + this.database + "?foreign_keys=true";
	}

	@Override
	String user() {
		return null;
	}

	@Override
	String password() {
		return null;
	}

	@Override
	int poolSize() {
		return 1;
	}

	/** A file beside the database, for ATTACH. */
	@Override
	String archive() {
		return this.database.resolveSibling("archive.db").toString();
	}

	/** What SQLite will not do inside a transaction is tried in no-transaction migrations only. */
	@Override
	List<Family> families() {
		return List.of(new Family("foreign_keys", "PRAGMA foreign_keys = OFF;"),
				new Family("recursive_triggers", "PRAGMA recursive_triggers = ON;"),
				new Family("defer_foreign_keys", "PRAGMA defer_foreign_keys = ON;"),
				new Family("journal_mode", "PRAGMA journal_mode = WAL;", false),
				new Family("synchronous", "PRAGMA synchronous = OFF;", false),
				new Family("cache_size", "PRAGMA cache_size = -4321;"),
				new Family("busy_timeout", "PRAGMA busy_timeout = 1;"),
				new Family("query_only", "PRAGMA query_only = ON;"),
				new Family("case_sensitive_like", "PRAGMA case_sensitive_like = ON;"),
				new Family("temporary_table", "CREATE TEMP TABLE left_behind (x INTEGER);\n"
						+ "CREATE TEMP TABLE schema_migrations (version TEXT);"),
				new Family("attach", "ATTACH DATABASE '{archive}' AS archive;\n"
						+ "CREATE TABLE archive.schema_migrations (version TEXT);", false));
	}

	@Override
	Map<String, String> observe(Connection connection) throws SQLException {
		Map<String, String> state = new LinkedHashMap<>();
		for (String pragma : List.of("foreign_keys", "recursive_triggers", "defer_foreign_keys", "journal_mode",
				"synchronous", "cache_size", "busy_timeout", "query_only")) {
			state.put(pragma, row(connection, "PRAGMA " + pragma).values().iterator().next());
		}
		state.put("like_ignores_case", row(connection, "SELECT 'a' LIKE 'A' AS x").get("x"));
		state.put("temporary", row(connection, "SELECT count(*) AS n FROM sqlite_temp_master").get("n"));
		state.put("databases", String.valueOf(column(connection, "PRAGMA database_list").size()));
		return state;
	}

	/** The history tables of the file and of the file a migration attached. */
	@Override
	List<String> historyTables() throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.database)) {
			for (String name : column(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"
					+ " AND name LIKE 'schema_migrations%'")) {
				tables.add("main." + name);
			}
		}
		if (Files.exists(Path.of(archive()))) {
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + archive())) {
				for (String name : column(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"
						+ " AND name LIKE 'schema_migrations%'")) {
					tables.add("archive." + name);
				}
			}
		}
		return tables;
	}

	/**
	 * The attach family makes a table named like the history in the attached file: it is the
	 * migration's own, and must stay the only one there.
	 */
	@Override
	List<String> expectedHistoryTables() {
		List<String> expected = new ArrayList<>(List.of("main.schema_migrations", "main.schema_migrations_log"));
		if (Files.exists(Path.of(archive()))) {
			expected.add("archive.schema_migrations");
		}
		return expected;
	}

	/** The JDBC setters xerial's driver takes inside a transaction. */
	@Override
	void changeThroughJdbc(Connection connection) throws SQLException {
		connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
		connection.setNetworkTimeout(Runnable::run, 12_345);
	}

	/** xerial's driver has no network timeout nor schemas: only what it can say. */
	@Override
	Map<String, String> observeJdbc(Connection connection) throws SQLException {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("readOnly", String.valueOf(connection.isReadOnly()));
		state.put("isolation", String.valueOf(connection.getTransactionIsolation()));
		state.putAll(observe(connection));
		return state;
	}

}
