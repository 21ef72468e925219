package dev.migrator.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Another process writing to the database: inserts one order and exits. Arguments: the database file, the id. */
public final class SqliteInsertChild {

	private SqliteInsertChild() {
	}

	public static void main(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO orders (id, item) VALUES (" + Integer.parseInt(args[1]) + ", 'from another process')");
		}
	}

}
