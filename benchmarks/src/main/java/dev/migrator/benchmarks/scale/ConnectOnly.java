package dev.migrator.benchmarks.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** The floor of a CLI process: a JVM that connects, runs {@code SELECT 1} and exits. Argument: JDBC URL. */
public final class ConnectOnly {

	private ConnectOnly() {
	}

	public static void main(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection(args[0]);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT 1")) {
			rs.next();
		}
	}

}
