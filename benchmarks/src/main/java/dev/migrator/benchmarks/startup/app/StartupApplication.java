package dev.migrator.benchmarks.startup.app;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application the start-up benchmark starts in a child JVM: Spring Boot with a DataSource and
 * nothing else of its own, so what differs between the variants is the migration tool on its class
 * path. It starts, serves one query through the pool (what every real application does first, tool or
 * not), prints how long that took from JVM start, and exits.
 * <p>
 * Output: {@code startup-ready ms=<uptime> cpu-ms=<process CPU time> tools=<migrator|flyway|none> rss-kb=<peak RSS>}, and with
 * {@code -Dstartup.check=true} also {@code startup-check tables=<n> history=<n>}: how many generated
 * tables and applied history rows the database has, so the harness knows the tool really checked 100
 * applied migrations rather than, say, finding none.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StartupApplication {

	public static void main(String[] args) throws SQLException {
		// run() returns once every ApplicationReadyEvent listener has run, our migration runner included
		ConfigurableApplicationContext context = SpringApplication.run(StartupApplication.class, args);
		DataSource dataSource = context.getBean(DataSource.class);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
		long readyMillis = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpuMillis = cpuNanos() / 1_000_000;
		String tools = tools(context);
		System.out.println("startup-ready ms=" + readyMillis + " cpu-ms=" + cpuMillis + " tools=" + tools + " rss-kb="
				+ peakResidentKb());
		if (Boolean.getBoolean("startup.check")) {
			try (Connection connection = dataSource.getConnection()) {
				System.out.println("startup-check tables=" + generatedTables(connection) + " history="
						+ historyRows(connection, tools));
			}
		}
		System.exit(SpringApplication.exit(context));
	}

	/**
	 * CPU time of every thread of the process so far: on a busy machine it varies much less than the
	 * elapsed time, which waits for other processes too. -1 where the JVM cannot tell.
	 */
	private static long cpuNanos() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() : -1_000_000;
	}

	/** The process's peak resident set so far ({@code VmHWM} in /proc/self/status), in KiB; -1 where there is none. */
	private static long peakResidentKb() {
		try {
			for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (java.io.IOException | RuntimeException ex) {
			// not Linux: no figure
		}
		return -1;
	}

	/** Which migration tool the context holds, found by the package of its beans' types. */
	private static String tools(ConfigurableApplicationContext context) {
		Set<String> found = new TreeSet<>();
		for (String name : context.getBeanDefinitionNames()) {
			Class<?> type = context.getType(name);
			String typeName = (type != null) ? type.getName() : "";
			if (typeName.startsWith("dev.migrator.core.") || typeName.startsWith("dev.migrator.autoconfigure.")) {
				found.add("migrator");
			}
			else if (typeName.startsWith("org.flywaydb.")) {
				found.add("flyway");
			}
		}
		return found.isEmpty() ? "none" : String.join("+", found);
	}

	private static int generatedTables(Connection connection) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		int count = 0;
		try (ResultSet tables = metaData.getTables(null, null, "bench_%", new String[] { "TABLE" })) {
			while (tables.next()) {
				count++;
			}
		}
		return count;
	}

	private static int historyRows(Connection connection, String tools) throws SQLException {
		String query = switch (tools) {
			case "migrator" -> "SELECT count(*) FROM schema_migrations WHERE status = 'applied'";
			case "flyway" -> "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL";
			default -> null;
		};
		if (query == null) {
			return -1;
		}
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
