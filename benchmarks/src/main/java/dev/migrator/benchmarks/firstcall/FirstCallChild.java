package dev.migrator.benchmarks.firstcall;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.flywaydb.core.Flyway;

import dev.migrator.benchmarks.content.GeneratedMigrations;
import dev.migrator.benchmarks.content.ToolContent;
import dev.migrator.benchmarks.inprocess.MigrationTool;
import dev.migrator.core.Migrator;

/**
 * One first call in a fresh JVM: the driver is loaded first (every application has loaded it before
 * its migration tool runs), then the clock starts, a new connection is opened and the tool's start-up
 * entry point runs once. Prints {@code elapsed-ms cpu-ms} of the calling thread.
 * Arguments: tool, JDBC URL (or a SQLite file), content folder, number of migrations.
 */
public final class FirstCallChild {

	private FirstCallChild() {
	}

	public static void main(String[] args) throws Exception {
		String tool = args[0];
		String url = args[1].startsWith("jdbc:") ? args[1] : "jdbc:sqlite:" + args[1];
		Path content = Path.of(args[2]);
		int count = Integer.parseInt(args[3]);
		// the driver and its native library, which the application loaded before any tool runs
		if (url.startsWith("jdbc:postgresql:")) {
			Class.forName("org.postgresql.Driver");
		}
		else {
			DriverManager.getConnection("jdbc:sqlite::memory:").close();
		}
		ToolContent set = tool.equals("raw-jdbc") ? toolContent(count, content) : null;
		Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		switch (tool) {
			case "migrator", "migrator+index", "migrator-before", "migrator-before+index" -> Migrator.configure()
				.url(url)
				.locations("filesystem:" + content.resolve("migrator"))
				.load()
				.migrate();
			case "flyway" -> Flyway.configure().dataSource(url, null, null)
				.locations("filesystem:" + content.resolve("flyway"))
				.load()
				.migrate();
			case "raw-jdbc" -> rawJdbc(url, set);
			case "connect-only" -> {
				try (Connection connection = DriverManager.getConnection(url);
						Statement statement = connection.createStatement();
						ResultSet rs = statement.executeQuery("SELECT 1")) {
					rs.next();
				}
			}
			default -> throw new IllegalArgumentException("unknown tool " + tool);
		}
		long elapsed = System.nanoTime() - start;
		long used = threads.getCurrentThreadCpuTime() - cpu;
		System.out.println("FIRSTCALL " + elapsed / 1e6 + " " + used / 1e6);
	}

	/** What raw JDBC's loop does with nothing pending ({@link MigrationTool#RAW_JDBC}): read its history, compare. */
	private static void rawJdbc(String url, ToolContent set) throws Exception {
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			java.util.Map<Integer, String> applied = new java.util.HashMap<>();
			try (ResultSet rs = statement.executeQuery("SELECT version, checksum FROM " + MigrationTool.RAW_HISTORY)) {
				while (rs.next()) {
					applied.put(rs.getInt(1), rs.getString(2));
				}
			}
			for (int i = 0; i < set.migrations().size(); i++) {
				if (!set.checksums().get(i).equals(applied.get(set.migrations().get(i).version()))) {
					throw new IllegalStateException("raw-jdbc: migration " + set.migrations().get(i).version() + " pending");
				}
			}
		}
	}

	/** Raw JDBC's checksums, computed before the clock starts, as a hand-written loop would have them built in. */
	private static ToolContent toolContent(int count, Path content) {
		GeneratedMigrations set = GeneratedMigrations.smallTables(count, FirstCallBenchmark.ROWS);
		return new ToolContent(set.migrations(), content.resolve("migrator"), content.resolve("flyway"), null,
				set.migrations().stream().map(GeneratedMigrations.Migration::checksum).toList());
	}

}
