package dev.migrator.benchmarks.inprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.migrator.benchmarks.content.GeneratedMigrations;

/**
 * A fresh, empty database for one measurement: a SQLite file in a folder of its own, or a
 * PostgreSQL database created on the benchmark's server. Every tool reaches it through the same
 * small connection pool, as an application would. Closing drops it with its backups.
 */
public final class BenchmarkDatabase implements AutoCloseable {

	/** The port of the PostgreSQL server {@link InProcessBenchmarks} started, passed to JMH's forks. */
	public static final String POSTGRES_PORT = "migrator.benchmarks.postgres.port";

	private final String engine;

	private final String name;

	private final Path folder;

	private final HikariDataSource dataSource;

	private BenchmarkDatabase(String engine, String name, Path folder, HikariDataSource dataSource) {
		this.engine = engine;
		this.name = name;
		this.folder = folder;
		this.dataSource = dataSource;
	}

	/**
	 * Creates the database.
	 * @param engine sqlite, sqlite-nosync (SQLite with {@code synchronous=OFF}) or postgresql
	 * @param name unique among the databases that exist at once: letters, digits and underscores
	 * @param work where the SQLite file and every backup go
	 */
	public static BenchmarkDatabase create(String engine, String name, Path work) {
		Path folder = work.resolve(name);
		try {
			deleteTree(folder);
			Files.createDirectories(folder);
			String url = switch (engine) {
				case "sqlite" -> "jdbc:sqlite:" + folder.resolve(name + ".db");
				// the same file with SQLite's fsync off (PRAGMA synchronous=OFF on every connection of the
				// pool, sqlite-jdbc's URL parameter): where the CPU each tool spends shows instead of the disk
				case "sqlite-nosync" -> "jdbc:sqlite:" + folder.resolve(name + ".db") + "?synchronous=OFF";
				case "postgresql" -> {
					try (Connection admin = DriverManager.getConnection(postgresUrl("postgres"));
							Statement statement = admin.createStatement()) {
						statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
						statement.execute("CREATE DATABASE " + name);
					}
					yield postgresUrl(name);
				}
				default -> throw new IllegalArgumentException("Unknown engine '" + engine + "'; use sqlite, sqlite-nosync or postgresql");
			};
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(url);
			config.setPoolName("benchmark-" + name);
			// Migrator holds a second connection for its lock on PostgreSQL; a pool of 3 serves every tool.
			config.setMaximumPoolSize(3);
			return new BenchmarkDatabase(engine, name, folder, new HikariDataSource(config));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + " on " + engine + ": " + ex.getMessage(), ex);
		}
	}

	private static String postgresUrl(String database) {
		String port = System.getProperty(POSTGRES_PORT);
		if (port == null) {
			throw new IllegalStateException("No PostgreSQL server: start the benchmarks through InProcessBenchmarks, which"
					+ " starts one and passes -D" + POSTGRES_PORT + " to its forks");
		}
		return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
	}

	public String engine() {
		return this.engine;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	/** The JDBC URL, for a child JVM that connects on its own. */
	public String url() {
		return this.dataSource.getJdbcUrl();
	}

	/** Where Migrator's backups of this database go; dropped with it. */
	public Path backupDirectory() {
		return this.folder.resolve("backups");
	}

	/** The SQLite file; only for sqlite. */
	public Path sqliteFile() {
		return this.folder.resolve(this.name + ".db");
	}

	/** The first column of the first row of a query, as a long: for checks that the work was done. */
	/**
	 * Proof, outside the measured time, that a tool left the set's last table whole (applied once,
	 * not twice, not half): its row count is {@code rows}.
	 */
	public void requireLastTable(String tool, int migrations, int rows) throws SQLException {
		String last = GeneratedMigrations.table(migrations);
		long count = queryLong("SELECT COUNT(*) FROM " + last);
		if (count != rows) {
			throw new IllegalStateException(tool + " left " + count + " rows in " + last + ", expected " + rows);
		}
	}

	public long queryLong(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			if (!rs.next()) {
				throw new IllegalStateException("No row from " + sql);
			}
			return rs.getLong(1);
		}
	}

	@Override
	public void close() {
		this.dataSource.close();
		try {
			if (this.engine.equals("postgresql")) {
				try (Connection admin = DriverManager.getConnection(postgresUrl("postgres"));
						Statement statement = admin.createStatement()) {
					statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
				}
			}
			deleteTree(this.folder);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop database " + this.name + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
