package dev.migrator.core.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.migrator.core.internal.jdbc.DriverDataSource;

/**
 * One real PostgreSQL server for the whole test run, started on first use (about 4 seconds) from
 * the binaries on Maven Central and stopped when the JVM ends. Tests get a fresh schema each, in one
 * shared database: cheaper than a database each, and just as separate, since the engine keys its
 * locks and tables by schema.
 */
public final class PostgresServer {

	/** The database the tests share; schemas keep them apart. */
	public static final String DATABASE = "migrator_tests";

	private static final AtomicInteger SCHEMAS = new AtomicInteger();

	private static volatile EmbeddedPostgres server;

	private PostgresServer() {
	}

	private static EmbeddedPostgres server() {
		if (server == null) {
			synchronized (PostgresServer.class) {
				if (server == null) {
					server = start();
				}
			}
		}
		return server;
	}

	private static EmbeddedPostgres start() {
		try {
			EmbeddedPostgres started = EmbeddedPostgres.builder()
				// a test run opens many short connections, some from child JVMs at once
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.start();
			try (Connection connection = started.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + DATABASE);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// the JVM is ending; the server's temporary folder goes with the machine's clean-up
				}
			}, "postgres-test-server-stop"));
			return started;
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL server for the tests: " + ex, ex);
		}
	}

	public static int port() {
		return server().getPort();
	}

	/** The URL of the shared test database, its search_path the given schema (or the default when null). */
	public static String url(String schema) {
		return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE + "?user=postgres"
				+ ((schema != null) ? "&currentSchema=" + schema : "");
	}

	/** A new, empty schema of its own for one test. */
	public static String newSchema(String prefix) {
		String schema = prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
		synchronized (PostgresServer.class) {
			try {
				createSchema(schema);
			}
			catch (SQLException ex) {
				try {
					// the kept connection may have been ended by a test (pg_terminate_backend): once more on a new one
					closeAdmin();
					createSchema(schema);
				}
				catch (SQLException again) {
					throw new IllegalStateException("Could not create schema " + schema + ": " + again.getMessage(), again);
				}
			}
		}
		return schema;
	}

	/** Kept open: each new PostgreSQL connection is a server process of its own, and every test makes a schema. */
	private static Connection admin;

	private static void createSchema(String schema) throws SQLException {
		if (admin == null) {
			admin = DriverManager.getConnection(url(null));
		}
		try (Statement statement = admin.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
	}

	private static void closeAdmin() {
		if (admin != null) {
			try {
				admin.close();
			}
			catch (SQLException ex) {
				// already gone
			}
			admin = null;
		}
	}

	/** Connections whose search_path is the schema. */
	public static DataSource dataSource(String schema) {
		return new DriverDataSource(url(schema), null, null);
	}

	public static Connection connect(String schema) throws SQLException {
		return DriverManager.getConnection(url(schema));
	}

}
