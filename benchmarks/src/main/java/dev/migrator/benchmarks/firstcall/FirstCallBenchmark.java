package dev.migrator.benchmarks.firstcall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.migrator.benchmarks.content.GeneratedMigrations;
import dev.migrator.benchmarks.content.ToolContent;
import dev.migrator.benchmarks.inprocess.BenchmarkDatabase;
import dev.migrator.benchmarks.inprocess.MigrationTool;
import dev.migrator.benchmarks.report.Result;
import dev.migrator.core.Migrator;
import dev.migrator.core.MigrationIndex;

/**
 * B6: what an application start feels, the first call of each tool in a fresh JVM with a new
 * connection, nothing pending, at 100, 1,000 and 10,000 applied migrations on SQLite and PostgreSQL
 * (an embedded server the harness starts). Beside
 * Migrator (without and with its build-time index), Flyway and raw JDBC reading its history, the
 * floor: a new connection and {@code SELECT 1}. Tools take turns in rotating order, a fresh JVM per
 * call (the driver loaded before the clock starts); each call's elapsed and CPU time is kept, and
 * the load average before and after goes into the notes.
 * Arguments: {@code --sizes=100,1000,10000 --runs=5 --warmups=1 --tools=migrator,migrator+index,flyway,raw-jdbc,connect-only
 * (and, with -Dmigrator.benchmarks.before, migrator-before and migrator-before+index)
 * --engines=sqlite,postgresql}.
 */
public final class FirstCallBenchmark {

	static final int ROWS = 10;

	/** Optional: the classes of an earlier migrator-core, measured as tool {@code migrator-before}. */
	static final String BEFORE = "migrator.benchmarks.before";

	private FirstCallBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		boolean quick = Arrays.asList(args).contains("--quick");
		List<Integer> sizes = Arrays.stream(options.getOrDefault("sizes", quick ? "100,1000" : "100,1000,10000")
			.split(",")).map(Integer::parseInt).toList();
		int runs = Integer.parseInt(options.getOrDefault("runs", quick ? "3" : "7"));
		int warmups = Integer.parseInt(options.getOrDefault("warmups", "1"));
		List<String> tools = List.of(options.getOrDefault("tools", "migrator,migrator+index,flyway,raw-jdbc,connect-only")
			.split(","));
		Path work = Path.of(System.getProperty("migrator.benchmarks.work", "target/first-call"));
		List<String> engines = List.of(options.getOrDefault("engines", "sqlite,postgresql").split(","));
		for (String engine : engines) {
			EmbeddedPostgres postgres = engine.equals("postgresql") ? EmbeddedPostgres.builder().start() : null;
			try {
				if (postgres != null) {
					System.setProperty(BenchmarkDatabase.POSTGRES_PORT, String.valueOf(postgres.getPort()));
				}
				for (int size : sizes) {
					run(engine, size, tools, runs, warmups, work.resolve(engine + "-n" + size));
				}
			}
			finally {
				if (postgres != null) {
					postgres.close();
				}
			}
		}
	}

	private static void run(String engine, int size, List<String> tools, int runs, int warmups, Path work)
			throws Exception {
		Files.createDirectories(work);
		ToolContent content = ToolContent.write(GeneratedMigrations.smallTables(size, ROWS), work.resolve("content"));
		Map<String, String> databases = new LinkedHashMap<>();
		List<BenchmarkDatabase> opened = new ArrayList<>();
		try {
			measure(engine, size, tools, runs, warmups, work, content, databases, opened);
		}
		finally {
			opened.forEach(BenchmarkDatabase::close);
		}
	}

	private static void measure(String engine, int size, List<String> tools, int runs, int warmups, Path work,
			ToolContent content, Map<String, String> databases, List<BenchmarkDatabase> opened) throws Exception {
		for (String tool : tools) {
			String applier = switch (tool) {
				case "migrator+index", "migrator-before", "migrator-before+index", "connect-only" -> "migrator";
				default -> tool;
			};
			if (!databases.containsKey(applier)) {
				long started = System.nanoTime();
				// kept open until the end: closing one deletes its folder
				BenchmarkDatabase database = BenchmarkDatabase.create(engine,
						"first_" + applier.replace('-', '_') + "_" + size, work);
				opened.add(database);
				MigrationTool.of(applier).migrate(database, content);
				databases.put(applier, database.url());
				System.out.printf("B6 %s n=%d: %s applied the set in %d s%n", engine, size, applier, (System.nanoTime() - started) / 1_000_000_000);
			}
			databases.put(tool, databases.get(applier));
		}
		Path indexRoot = work.resolve("index-classes");
		if (tools.stream().anyMatch((tool) -> tool.endsWith("+index"))) {
			MigrationIndex.write(Migrator.configure().url(databases.get("migrator"))
				.locations("filesystem:" + content.migrator()).configuration(), indexRoot);
		}
		String load = loadAverage();
		Map<String, List<double[]>> samples = new LinkedHashMap<>();
		tools.forEach((tool) -> samples.put(tool, new ArrayList<>()));
		for (int round = 0; round < warmups + runs; round++) {
			for (int i = 0; i < tools.size(); i++) {
				String tool = tools.get((round + i) % tools.size());
				double[] sample = child(tool, databases.get(tool), work.resolve("content"), size, indexRoot);
				if (round >= warmups) {
					samples.get(tool).add(sample);
				}
			}
		}
		String notes = engine + ", a fresh JVM per call (-Xmx256m), the driver loaded before the clock starts, then a new"
				+ " connection and the tool's start-up call (Migrator/Flyway migrate, raw JDBC reading its history;"
				+ " connect-only: SELECT 1); " + size + " migrations applied, nothing pending; " + warmups
				+ " warm-up round(s); tools interleaved; load average before " + load + ", after " + loadAverage();
		for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
			new Result("B6", "first call, " + size + " applied", engine, entry.getKey(), "ms",
					entry.getValue().stream().map((s) -> s[0]).toList(), notes).write();
			new Result("B6", "first call, " + size + " applied, CPU time", engine, entry.getKey(), "ms",
					entry.getValue().stream().map((s) -> s[1]).toList(), notes + "; CPU time of the calling thread").write();
			System.out.printf("B6 %s n=%d %-15s %s%n", engine, size, entry.getKey(),
					entry.getValue().stream().map((s) -> String.format("%.1f/%.1f", s[0], s[1])).toList());
		}
	}

	private static double[] child(String tool, String database, Path content, int size, Path indexRoot)
			throws IOException, InterruptedException {
		String classPath = (tool.endsWith("+index") ? indexRoot + java.io.File.pathSeparator : "")
				+ System.getProperty("java.class.path");
		if (tool.startsWith("migrator-before")) {
			// an earlier build of the engine ahead of this one: before/after figures measured side by side
			classPath = System.getProperty(BEFORE) + java.io.File.pathSeparator + classPath;
		}
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", classPath, FirstCallChild.class.getName(), tool, database.toString(),
				content.toString(), String.valueOf(size))
			.redirectErrorStream(true)
			.start();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.add(line);
			}
		}
		if (process.waitFor() != 0) {
			throw new IllegalStateException("B6 " + tool + " failed: " + String.join("\n", output));
		}
		String last = output.stream().filter((l) -> l.startsWith("FIRSTCALL ")).findFirst()
			.orElseThrow(() -> new IllegalStateException("B6 " + tool + " printed no figure: " + output));
		String[] parts = last.split(" ");
		return new double[] { Double.parseDouble(parts[1]), Double.parseDouble(parts[2]) };
	}

	private static String loadAverage() {
		try {
			return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
