package dev.migrator.autoconfigure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A real SQLite database file for a test, read with plain JDBC behind the application's back. */
public record SqliteFile(Path path) {

	/**
	 * An empty database in the directory, as a new application has before its first run: the engine's
	 * read-only commands (health, the endpoint's GET, a dry run) refuse a file that does not exist.
	 */
	@SuppressWarnings("try") // connecting creates the empty file; the connection itself is not used
	public static SqliteFile in(Path directory) {
		SqliteFile file = new SqliteFile(directory.resolve("app.db"));
		try (Connection connection = DriverManager.getConnection(file.url())) {
			// connecting creates the empty file
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return file;
	}

	public String url() {
		return "jdbc:sqlite:" + this.path;
	}

	/** The property that points the application's DataSource at this file. */
	public String dataSourceUrl() {
		return "spring.datasource.url=" + url();
	}

	public List<String> tables() {
		return strings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
	}

	public List<String> columns(String table) {
		return strings("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
	}

	public void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(url()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The schema, the history and the log, to compare a database before and after a request. */
	public List<String> dump() {
		List<String> dump = new ArrayList<>(strings("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name"));
		if (tables().contains("schema_migrations")) {
			dump.addAll(strings("SELECT version || '|' || status FROM schema_migrations ORDER BY version"));
			dump.addAll(strings("SELECT count(*) FROM schema_migrations_log"));
		}
		return dump;
	}

	/** The first column of each row the query returns, as text. */
	public List<String> strings(String sql) {
		try (Connection connection = DriverManager.getConnection(url());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
