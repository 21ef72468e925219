package dev.migrator.core.internal.lock;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * A migration runner in a JVM of its own that takes the MySQL/MariaDB lock and holds it until it is
 * killed. Arguments: the JDBC URL of the database, user, password. Reports on stdout
 * {@code ACQUIRED <connection id>}.
 */
public final class MysqlLockHoldingProcess {

	private MysqlLockHoldingProcess() {
	}

	public static void main(String[] args) throws Exception {
		Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
		MysqlMigrationLock.on(connection, "MariaDB").acquire(Duration.ofSeconds(30));
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
			rs.next();
			System.out.println("ACQUIRED " + rs.getLong(1));
		}
		Thread.sleep(Long.MAX_VALUE);
	}

}
