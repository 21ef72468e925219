package dev.migrator.core.internal.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A real SQLite file for backup tests: statements, queries and a full dump to compare. */
final class SqliteTestDatabase {

	final Path file;

	SqliteTestDatabase(Path file) {
		this.file = file;
	}

	/** A database with two tables, an index and a few rows, in the given journal mode. */
	static SqliteTestDatabase create(Path file, String journalMode) throws SQLException {
		SqliteTestDatabase database = new SqliteTestDatabase(file);
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode = " + journalMode);
			statement.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE)");
			statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id),"
					+ " amount INTEGER, note TEXT)");
			statement.execute("CREATE INDEX orders_customer ON orders (customer_id)");
			statement.execute("INSERT INTO customer (name, email) VALUES ('Ada', 'ada@example.com'), ('Linus', NULL)");
			statement.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200)"
					+ " INSERT INTO orders (customer_id, amount, note) SELECT 1 + x % 2, x * 7, 'note ' || x FROM n");
		}
		return database;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:sqlite:" + this.file);
	}

	void execute(String... sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
	}

	List<String> query(String sql) throws SQLException {
		try (Connection connection = connect()) {
			return query(connection, sql);
		}
	}

	/** The rows of a query, each row's columns joined with "|". */
	static List<String> query(Connection connection, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? "|" : "").append(rs.getString(i));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

	/** The schema as SQLite keeps it plus every row of every table: for before/after comparisons. */
	List<String> dump() throws SQLException {
		try (Connection connection = connect()) {
			return dump(connection);
		}
	}

	static List<String> dump(Connection connection) throws SQLException {
		List<String> dump = new ArrayList<>(query(connection,
				"SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name"));
		for (String table : query(connection,
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
			for (String row : query(connection, "SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
				dump.add(table + ": " + row);
			}
		}
		return dump;
	}

}
