package dev.migrator.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A real database of one engine and a folder of migration scripts in a test's temp directory: what
 * scenario tests need, whatever the engine. One subclass per engine (SQLite, PostgreSQL,
 * MySQL/MariaDB) says how to connect and how to list tables.
 */
abstract class DatabaseFixture {

	final Path dir;

	final Path migrations;

	DatabaseFixture(Path dir) throws IOException {
		this.dir = dir;
		this.migrations = Files.createDirectories(dir.resolve("migrations"));
	}

	/** The engine's name, for test names and messages. */
	abstract String engine();

	/** What {@code {vendor}} in a location stands for on this engine: sqlite, postgresql, mysql, mariadb. */
	String vendor() {
		return engine().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/** A new connection to this fixture's database. */
	abstract Connection connect() throws SQLException;

	/** A builder on this database and folder, the rest left at defaults. */
	abstract Migrator.Builder configure();

	/** The application's tables (not the engine's catalogue), sorted by name. */
	abstract List<String> tables() throws SQLException;

	/** A table's columns, in their order. */
	abstract List<String> columns(String table) throws SQLException;

	/** The schema and every row of every table: for before/after comparisons. */
	abstract List<String> dump() throws SQLException;

	/**
	 * Whether a failed migration's DDL is rolled back with it. MySQL and MariaDB commit DDL on their
	 * own, so scenarios that expect a failed CREATE or ALTER to leave no trace skip there.
	 */
	boolean transactionalDdl() {
		return true;
	}

	Migrator migrator() {
		return configure().load();
	}

	DatabaseFixture write(String name, String content) throws IOException {
		Path file = this.migrations.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return this;
	}

	/** The rows of a query, each row's columns joined with "|". */
	List<String> query(String sql) throws SQLException {
		if (!sharesReadConnection()) {
			try (Connection connection = connect()) {
				return rows(connection, sql);
			}
		}
		synchronized (DatabaseFixture.class) {
			try {
				return rows(reads(), sql);
			}
			catch (SQLException ex) {
				if (readsConnection.isValid(5)) {
					throw ex;
				}
				// ended by a test (pg_terminate_backend, KILL): the read runs again on a new connection
				closeReads();
				return rows(reads(), sql);
			}
		}
	}

	/**
	 * Whether the fixture's own reads (tables, columns, dumps) share one connection, kept open while
	 * this fixture is the one reading, instead of a new one each: on a server a dump before and after
	 * each case opened a dozen. Tests that need a connection of their own still get one from
	 * {@link #connect()}. Not SQLite's: a connection left open there holds the file.
	 */
	boolean sharesReadConnection() {
		return false;
	}

	private static Connection readsConnection;

	private static DatabaseFixture readsOwner;

	private Connection reads() throws SQLException {
		if (readsConnection == null || readsOwner != this) {
			closeReads();
			readsConnection = connect();
			readsOwner = this;
		}
		return readsConnection;
	}

	private static void closeReads() {
		if (readsConnection != null) {
			try {
				readsConnection.close();
			}
			catch (SQLException ex) {
				// already gone
			}
			readsConnection = null;
			readsOwner = null;
		}
	}

	/** The rows of a query on this connection, each row's columns joined with "|". */
	static List<String> rows(Connection connection, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
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

}
