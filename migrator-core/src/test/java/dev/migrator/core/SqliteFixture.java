package dev.migrator.core;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A real SQLite file and a folder of migration scripts, both in a test's temp directory. */
final class SqliteFixture extends DatabaseFixture {

	final Path db;

	SqliteFixture(Path dir) throws IOException {
		super(dir);
		this.db = dir.resolve("app.db");
	}

	@Override
	String engine() {
		return "SQLite";
	}

	String url() {
		return "jdbc:sqlite:" + this.db;
	}

	@Override
	Migrator.Builder configure() {
		return Migrator.configure().url(url()).locations("filesystem:" + this.migrations);
	}

	@Override
	SqliteFixture write(String name, String content) throws IOException {
		super.write(name, content);
		return this;
	}

	@Override
	Connection connect() throws SQLException {
		return DriverManager.getConnection(url());
	}

	@Override
	List<String> tables() throws SQLException {
		return query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
	}

	@Override
	List<String> columns(String table) throws SQLException {
		return query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
	}

	/** The schema as SQLite keeps it, plus every row of every table: for before/after comparisons. */
	@Override
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
