package dev.migrator.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;

import dev.migrator.benchmarks.report.Result;
import dev.migrator.benchmarks.startup.StartupDatabases.Database;
import dev.migrator.benchmarks.startup.app.StartupApplication;

/**
 * B3: what a migration tool adds to every start of a Spring Boot application when nothing is
 * pending. The same minimal application starts in fresh JVMs three ways (our starter, Spring Boot's
 * Flyway integration, no tool) against databases holding 100 applied migrations, on SQLite and on
 * PostgreSQL. Runs are interleaved variant by variant so that a busy moment on the machine hits all
 * three alike; warm-up runs (which also check that each tool really saw the 100 migrations) are
 * discarded.
 * <p>
 * Arguments: {@code --quick} (1 warm-up, 3 runs), {@code --runs=N}, {@code --warmups=N},
 * {@code --engine=sqlite|postgresql}. Results go to {@link Result#DIRECTORY}.
 */
public final class StartupBenchmark {

	static final String SCENARIO = "B3";

	static final int MIGRATIONS = 100;

	/** The same flags for every child: a small heap, nothing else tuned, as a plain {@code java -jar} would run. */
	static final List<String> JVM_FLAGS = List.of("-Xmx256m");

	private final StartupClassPath classPath;

	private final Path workDirectory;

	/** Flags after {@link #JVM_FLAGS}: none in a measured run; a test that only proves each variant starts adds its own. */
	private final List<String> extraFlags;

	private final StartupMigrations migrations = new StartupMigrations(MIGRATIONS);

	private final Path migratorMigrations;

	private final Path flywayMigrations;

	StartupBenchmark(StartupClassPath classPath, Path workDirectory) throws IOException {
		this(classPath, workDirectory, List.of());
	}

	StartupBenchmark(StartupClassPath classPath, Path workDirectory, List<String> extraFlags) throws IOException {
		this.classPath = classPath;
		this.workDirectory = workDirectory;
		this.extraFlags = List.copyOf(extraFlags);
		this.migratorMigrations = this.migrations.writeForMigrator(workDirectory.resolve("migrations-migrator"));
		this.flywayMigrations = this.migrations.writeForFlyway(workDirectory.resolve("migrations-flyway"));
	}

	public static void main(String[] args) throws Exception {
		int warmups = 2;
		int runs = 12;
		List<String> engines = List.of("sqlite", "postgresql");
		for (String arg : args) {
			if (arg.equals("--quick")) {
				warmups = 1;
				runs = 3;
			}
			else if (arg.startsWith("--runs=")) {
				runs = Integer.parseInt(arg.substring("--runs=".length()));
			}
			else if (arg.startsWith("--warmups=")) {
				warmups = Integer.parseInt(arg.substring("--warmups=".length()));
			}
			else if (arg.startsWith("--engine=")) {
				engines = List.of(arg.substring("--engine=".length()));
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + arg
						+ "'; use --quick, --runs=N, --warmups=N (at least 1) or --engine=sqlite|postgresql");
			}
		}
		if (warmups < 1 || runs < 1) {
			throw new IllegalArgumentException("Need at least 1 warm-up (it checks the databases) and 1 run, not "
					+ warmups + " and " + runs);
		}
		quietLogging();
		Path work = Files.createTempDirectory("migrator-startup-benchmark-");
		StartupBenchmark benchmark = new StartupBenchmark(StartupClassPath.current(), work);
		System.out.println("B3 start-up: " + warmups + " warm-up and " + runs + " measured runs per variant, in " + work);
		System.out.println("B3 class path of no variant: " + benchmark.classPath.droppedFromAll());
		for (String engine : engines) {
			for (Result result : benchmark.measure(engine, warmups, runs)) {
				System.out.println("B3 wrote " + result.write());
			}
		}
		keepLogs(work, Result.DIRECTORY.resolve("b3-logs"));
		deleteRecursively(work);
	}

	/** Prepares the engine's databases, runs every variant interleaved, and returns three results per variant (start, CPU time, whole process). */
	List<Result> measure(String engine, int warmups, int runs) throws Exception {
		return switch (engine) {
			case "sqlite" -> measure(engine, prepare().sqlite(this.workDirectory), warmups, runs);
			case "postgresql" -> {
				try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
					yield measure(engine, prepare().postgresql(server), warmups, runs);
				}
			}
			default -> throw new IllegalArgumentException("Unknown engine '" + engine + "'; use sqlite or postgresql");
		};
	}

	private StartupDatabases prepare() {
		return new StartupDatabases(this.migrations, this.migratorMigrations, this.flywayMigrations);
	}

	private List<Result> measure(String engine, Map<StartupVariant, Database> databases, int warmups, int runs)
			throws Exception {
		Map<StartupVariant, List<Double>> ready = new EnumMap<>(StartupVariant.class);
		Map<StartupVariant, List<Double>> cpu = new EnumMap<>(StartupVariant.class);
		Map<StartupVariant, List<Double>> process = new EnumMap<>(StartupVariant.class);
		Map<StartupVariant, List<Double>> rss = new EnumMap<>(StartupVariant.class);
		StartupVariant[] variants = StartupVariant.values();
		for (int round = 0; round < warmups + runs; round++) {
			boolean warmup = round < warmups;
			for (int i = 0; i < variants.length; i++) {
				// A B C, B C A, C A B, ...: interleaved, and no variant always first after a pause
				StartupVariant variant = variants[(round + i) % variants.length];
				StartupChild child = start(engine, variant, databases.get(variant), round);
				System.out.printf(Locale.ROOT, "B3 %s %s %d/%d %-20s ready %5d ms, CPU %5d ms, process %6.0f ms, peak RSS %d KiB (load %s)%n", engine,
						warmup ? "warm-up" : "run", warmup ? round + 1 : round - warmups + 1, warmup ? warmups : runs,
						variant.tool(), child.readyMillis(), child.cpuMillis(), child.processMillis(), child.peakRssKb(),
						loadAverage());
				if (!warmup) {
					ready.computeIfAbsent(variant, (v) -> new ArrayList<>()).add((double) child.readyMillis());
					cpu.computeIfAbsent(variant, (v) -> new ArrayList<>()).add((double) child.cpuMillis());
					process.computeIfAbsent(variant, (v) -> new ArrayList<>()).add(child.processMillis());
					rss.computeIfAbsent(variant, (v) -> new ArrayList<>()).add(child.peakRssKb() / 1024.0);
				}
			}
		}
		String notes = "load average at the end " + loadAverage() + "; " + MIGRATIONS
				+ " migrations applied, nothing pending; a fresh JVM per run (" + String.join(" ", JVM_FLAGS)
				+ ", Java " + System.getProperty("java.version") + "); " + warmups + " warm-up runs discarded; variants interleaved";
		List<Result> results = new ArrayList<>();
		for (StartupVariant variant : variants) {
			results.add(new Result(SCENARIO, "start, " + MIGRATIONS + " applied", engine, variant.tool(), "ms",
					ready.get(variant), "JVM start to ApplicationReadyEvent plus a first query through the pool, "
							+ "the child's own uptime; " + notes));
			results.add(new Result(SCENARIO, "start, " + MIGRATIONS + " applied, CPU time", engine, variant.tool(), "ms",
					cpu.get(variant), "CPU time of all the child's threads until it was ready (less disturbed by a "
							+ "busy machine than elapsed time); " + notes));
			results.add(new Result(SCENARIO, "start, " + MIGRATIONS + " applied, whole process", engine, variant.tool(), "ms",
					process.get(variant), "the whole process, launch to exit, timed by the harness; " + notes));
			results.add(new Result(SCENARIO, "start, " + MIGRATIONS + " applied, peak RSS", engine, variant.tool(), "MiB",
					rss.get(variant), "the child's peak resident set (VmHWM) when ready; " + notes));
		}
		return results;
	}

	private static String loadAverage() {
		try {
			return String.join(" ", java.util.Arrays.asList(java.nio.file.Files.readString(Path.of("/proc/loadavg"))
				.split(" ")).subList(0, 3));
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	/** One start; the first round also checks that the tool saw every migration applied. */
	StartupChild start(String engine, StartupVariant variant, Database database, int round) throws Exception {
		boolean check = round == 0;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_FLAGS);
		command.addAll(this.extraFlags);
		if (check) {
			command.add("-Dstartup.check=true");
		}
		command.addAll(List.of("-cp", this.classPath.joined(variant), StartupApplication.class.getName()));
		command.add("--spring.datasource.url=" + database.url());
		if (database.user() != null) {
			command.add("--spring.datasource.username=" + database.user());
		}
		command.addAll(variant.toolArguments(this.migratorMigrations, this.flywayMigrations));
		Path output = this.workDirectory.resolve("%s-%s-%02d.log".formatted(engine, variant.name().toLowerCase(), round));
		StartupChild child = StartupChild.run(command, output);
		if (!child.tools().equals(variant.detected())) {
			throw StartupChild.failure("found migration tool '" + child.tools() + "' where " + variant.tool()
					+ " should have '" + variant.detected() + "': the class path is not what the variant needs", output);
		}
		int expectedHistory = (variant == StartupVariant.ALONE) ? -1 : MIGRATIONS;
		if (check && (child.tables() != MIGRATIONS || child.history() != expectedHistory)) {
			throw StartupChild.failure("saw " + child.tables() + " generated tables and " + child.history()
					+ " history rows where " + MIGRATIONS + " and " + expectedHistory + " were prepared", output);
		}
		return child;
	}

	/**
	 * The harness has Logback through Spring Boot's starter, unconfigured, so at DEBUG: preparing the
	 * databases would print every statement. A logback.xml in the module would also configure the
	 * measured applications, which must start as any application does, so it is set here instead.
	 */
	private static void quietLogging() {
		if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	/** The children's output, for a reader who wants to see what each start did; the databases go. */
	private static void keepLogs(Path work, Path logs) throws IOException {
		Files.createDirectories(logs);
		try (Stream<Path> files = Files.list(work)) {
			for (Path log : files.filter((file) -> file.toString().endsWith(".log")).toList()) {
				Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		System.out.println("B3 the applications' output is in " + logs);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
