package dev.migrator.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A real SQLite file and a folder of migration scripts, both in a test's temp directory. */
final class SqliteFixture {

	final Path dir;

	final Path db;

	final Path migrations;

	SqliteFixture(Path dir) throws IOException {
		this.dir = dir;
		this.db = dir.resolve("app.db");
		this.migrations = Files.createDirectories(dir.resolve("migrations"));
	}

	String url() {
		return "jdbc:sqlite:" + this.db;
	}

	/** A builder on this database and folder, the rest left at defaults. */
	Migrator.Builder configure() {
		return Migrator.configure().url(url()).locations("filesystem:" + this.migrations);
	}

	Migrator migrator() {
		return configure().load();
	}

	SqliteFixture write(String name, String content) throws IOException {
		Files.writeString(this.migrations.resolve(name), content, StandardCharsets.UTF_8);
		return this;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(url());
	}

	/** The rows of a query, each row's columns joined with "|". */
	List<String> query(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append(i > 1 ? "|" : "").append(rs.getString(i));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

	void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	List<String> tables() throws SQLException {
		return query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
	}

	/** The schema as SQLite keeps it, plus every row of every table: for before/after comparisons. */
	List<String> dump() throws SQLException {
		List<String> dump = new ArrayList<>(query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name"));
		for (String table : tables()) {
			for (String row : query("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
				dump.add(table + ": " + row);
			}
		}
		return dump;
	}

}
