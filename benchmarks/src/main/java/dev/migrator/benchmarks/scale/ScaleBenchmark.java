package dev.migrator.benchmarks.scale;

import java.io.BufferedReader;
import java.io.File;
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
import java.util.Set;

import dev.migrator.benchmarks.report.Result;
import dev.migrator.benchmarks.startup.StartupClassPath;
import dev.migrator.core.MigrationIndex;
import dev.migrator.core.Migrator;

/**
 * B7: the commands whose cost grows with the number of migrations, at 10,000 (issue #17), on SQLite,
 * each in a fresh JVM: {@code status()} and {@code dashboard()} and a 100-step dry-run rollback through
 * the engine API, and the CLI's {@code status} and {@code rollback --steps 100 --dry-run} as processes
 * of their own. At 100 migrations, also the CLI's up-to-date {@code migrate} against a JVM that only
 * connects. Cases take turns in rotating order; the load average before and after goes into the notes.
 * Arguments: {@code --sizes=10000 --runs=3 --warmups=0 --cases=status,dashboard,rollback-dry-run,cli-status,cli-rollback-dry-run}.
 */
public final class ScaleBenchmark {

	static final int STEPS = 100;

	/** Optional: the classes of an earlier migrator-core and migrator-cli (a class path), for cases named {@code <case>@before}. */
	static final String BEFORE = "migrator.benchmarks.before";

	private static final String BEFORE_SUFFIX = "@before";

	private static final String INDEX_SUFFIX = "+index";

	private static final List<String> ENGINE_CASES = List.of("status", "dashboard", "rollback-dry-run");

	/** The CLI's own jars: no Spring, no logback, nothing of the other tools. */
	private static final Set<String> CLI_JARS = Set.of("migrator-cli", "migrator-core", "picocli", "slf4j-api",
			"slf4j-simple", "snakeyaml", "sqlite-jdbc", "postgresql", "mariadb-java-client", "benchmarks");

	private ScaleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		boolean quick = Arrays.asList(args).contains("--quick");
		List<Integer> sizes = Arrays.stream(options.getOrDefault("sizes", quick ? "1000" : "100,10000").split(","))
			.map(Integer::parseInt).toList();
		int runs = Integer.parseInt(options.getOrDefault("runs", quick ? "1" : "3"));
		int warmups = Integer.parseInt(options.getOrDefault("warmups", "0"));
		Path work = Path.of(System.getProperty("migrator.benchmarks.work", "target/scale"));
		for (int size : sizes) {
			String defaults = (size <= 1000) ? "cli-migrate,cli-connect-only,status,cli-status"
					: "status,dashboard,rollback-dry-run,cli-status,cli-rollback-dry-run";
			List<String> cases = List.of(options.getOrDefault("cases", defaults).split(","));
			run(size, cases, runs, warmups, work.resolve("n" + size));
		}
	}

	private static void run(int size, List<String> cases, int runs, int warmups, Path work) throws Exception {
		Files.createDirectories(work);
		Path folder = writeMigrations(size, work.resolve("migrations"));
		Path file = work.resolve("scale.db");
		Path applied = work.resolve("scale.db.applied");
		String url = "jdbc:sqlite:" + file;
		if (!Files.exists(applied)) {
			// applying 10,000 migrations takes minutes on a loaded machine: kept for the next run (nothing
			// measured changes the file: the rollbacks are dry runs, on a copy)
			Files.deleteIfExists(file);
			long started = System.nanoTime();
			// set-up only: without fsync
			Migrator.configure().url(url + "?synchronous=OFF").locations("filesystem:" + folder).backupEnabled(false)
				.load().migrate();
			Files.writeString(applied, String.valueOf(size));
			System.out.printf("B7 n=%d: applied in %d s%n", size, (System.nanoTime() - started) / 1_000_000_000);
		}
		Path indexRoot = work.resolve("index-classes");
		MigrationIndex.write(Migrator.configure().url(url).locations("filesystem:" + folder).configuration(), indexRoot);
		String load = loadAverage();
		Map<String, List<double[]>> samples = new LinkedHashMap<>();
		cases.forEach((c) -> samples.put(c, new ArrayList<>()));
		for (int round = 0; round < warmups + runs; round++) {
			for (int i = 0; i < cases.size(); i++) {
				String scenario = cases.get((round + i) % cases.size());
				double[] sample = child(scenario, url, folder, indexRoot);
				System.out.printf("B7 n=%d %-22s %.0f ms, CPU %.0f ms (load %s)%n", size, scenario, sample[0],
						sample[1], loadAverage());
				if (round >= warmups) {
					samples.get(scenario).add(sample);
				}
			}
		}
		String notes = "SQLite, " + size + " migrations applied, each with a down; a fresh JVM per call (-Xmx256m);"
				+ " engine cases: the driver loaded, then the clock, CPU of the calling thread; cli cases: the whole"
				+ " process, CPU of all its threads (user + system); cases interleaved; load average before " + load
				+ ", after " + loadAverage();
		for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
			String caseName = entry.getKey().replace("rollback-dry-run", "rollback --steps " + STEPS + " --dry-run")
					+ ", " + size + " applied";
			String tool = (entry.getKey().endsWith(BEFORE_SUFFIX) ? "migrator-before" : "migrator")
					+ (entry.getKey().contains(INDEX_SUFFIX) ? "+index" : "");
			caseName = caseName.replace(BEFORE_SUFFIX, "").replace(INDEX_SUFFIX, "");
			new Result("B7", caseName, "sqlite", tool, "ms", entry.getValue().stream().map((s) -> s[0]).toList(),
					notes).write();
			new Result("B7", caseName + ", CPU time", "sqlite", tool, "ms",
					entry.getValue().stream().map((s) -> s[1]).toList(), notes).write();
		}
	}

	/** {@code count} migrations, each an empty table with an index and a down that drops it. */
	static Path writeMigrations(int count, Path folder) throws IOException {
		Files.createDirectories(folder);
		for (int version = 1; version <= count; version++) {
			String table = String.format("s_%05d", version);
			Files.writeString(folder.resolve(version + "_create_" + table + ".sql"),
					"CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
							+ "CREATE INDEX " + table + "_name ON " + table + " (name);\n\n-- migrate:down\nDROP TABLE "
							+ table + ";\n");
		}
		return folder;
	}

	private static double[] child(String measured, String url, Path folder, Path indexRoot)
			throws IOException, InterruptedException {
		// "status@before": the same case on an earlier build of the engine and CLI, measured side by side;
		// "status+index": with the build-time index on the class path
		String scenario = measured.replace(BEFORE_SUFFIX, "").replace(INDEX_SUFFIX, "");
		String before = (measured.endsWith(BEFORE_SUFFIX) ? System.getProperty(BEFORE) + File.pathSeparator : "")
				+ (measured.contains(INDEX_SUFFIX) ? indexRoot + File.pathSeparator : "");
		List<String> command = new ArrayList<>();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		if (ENGINE_CASES.contains(scenario)) {
			command.addAll(List.of(java, "-Xmx256m", "-cp", before + System.getProperty("java.class.path"),
					ScaleChild.class.getName(), scenario, url, folder.toString()));
		}
		else {
			command.addAll(List.of("/usr/bin/time", "-f", "TIME %U %S", java, "-Xmx256m", "-cp", before + cliClassPath()));
			switch (scenario) {
				case "cli-status" -> command.addAll(List.of("dev.migrator.cli.MigratorCommandLine", "status"));
				case "cli-rollback-dry-run" -> command.addAll(List.of("dev.migrator.cli.MigratorCommandLine", "rollback",
						"--steps", String.valueOf(STEPS), "--dry-run"));
				case "cli-migrate" -> command.addAll(List.of("dev.migrator.cli.MigratorCommandLine", "migrate"));
				case "cli-connect-only" -> command.add(ConnectOnly.class.getName());
				default -> throw new IllegalArgumentException("unknown case " + scenario);
			}
			if (scenario.equals("cli-connect-only")) {
				command.add(url);
			}
			else {
				command.addAll(List.of("--url", url, "--locations", "filesystem:" + folder));
			}
		}
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.add(line);
			}
		}
		int exit = process.waitFor();
		double wall = (System.nanoTime() - start) / 1e6;
		if (exit != 0) {
			throw new IllegalStateException("B7 " + scenario + " failed (exit " + exit + "): " + String.join("\n", output));
		}
		for (String line : output) {
			if (line.startsWith("SCALE ")) {
				String[] parts = line.split(" ");
				return new double[] { Double.parseDouble(parts[1]), Double.parseDouble(parts[2]) };
			}
			if (line.startsWith("TIME ")) {
				String[] parts = line.split(" ");
				return new double[] { wall, (Double.parseDouble(parts[1]) + Double.parseDouble(parts[2])) * 1000 };
			}
		}
		throw new IllegalStateException("B7 " + scenario + " printed no figure: " + output);
	}

	private static String cliClassPath() {
		List<String> kept = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (CLI_JARS.contains(StartupClassPath.artifact(entry))) {
				kept.add(entry);
			}
		}
		return String.join(File.pathSeparator, kept);
	}

	static String loadAverage() {
		try {
			return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
