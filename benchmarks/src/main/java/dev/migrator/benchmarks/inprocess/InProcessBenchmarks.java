package dev.migrator.benchmarks.inprocess;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import dev.migrator.benchmarks.report.Result;

/**
 * Runs the in-process benchmarks side by side and writes one {@link Result} per scenario, case,
 * engine and tool into {@link Result#DIRECTORY}: B1 and B2 with JMH, B4 and B5 timed directly.
 * Starts the PostgreSQL server the benchmarks use (real PostgreSQL from Maven Central, durable
 * commits as in production) and stops it at the end.
 * <p>
 * Arguments: {@code --quick} for a smoke run (small sets, no forks, one short iteration each);
 * {@code --only B1,B2,B4,B5} to run some; {@code --engines sqlite,postgresql} (the default), to which
 * {@code sqlite-nosync} adds B1 and B2 on SQLite files with {@code synchronous=OFF}; {@code --b1-migrations 10000}
 * and {@code --b1-tools migrator,raw-jdbc} change B1's size and tools.
 * <p>
 * Start it as a JVM of its own with the module's class path ({@code java -cp ...}): JMH starts its
 * forks with this JVM's {@code java.class.path}.
 */
public final class InProcessBenchmarks {

	private InProcessBenchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Arguments arguments = Arguments.parse(args);
		MigrationTool.quietPeers();
		long started = System.nanoTime();
		List<Result> results = new ArrayList<>();
		EmbeddedPostgres postgres = arguments.engines().contains("postgresql") && (arguments.runs("B1") || arguments.runs("B2"))
				? startPostgres() : null;
		try {
			// cheapest first, and one JMH run per engine: each writes its results as soon as it ends
			for (String engine : arguments.engines()) {
				if (arguments.runs("B2")) {
					results.addAll(b2(arguments, postgres, engine));
				}
			}
			if (arguments.runs("B4")) {
				results.addAll(BackupBenchmark.run(arguments.quick()));
			}
			if (arguments.runs("B5")) {
				results.addAll(LargeScriptBenchmark.run(arguments.quick()));
			}
			for (String engine : arguments.engines()) {
				if (arguments.runs("B1")) {
					results.addAll(b1(arguments, postgres, engine));
				}
			}
		}
		finally {
			if (postgres != null) {
				postgres.close();
			}
		}
		System.out.println();
		System.out.println("In-process benchmarks done in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
				+ " s; results in " + Result.DIRECTORY.toAbsolutePath());
		for (Result result : results) {
			System.out.printf("%s %-30s %-10s %-10s median %10.2f %s  (min %.2f, max %.2f, %d samples)%n", result.scenario(),
					result.caseName(), result.engine(), result.tool(), result.median(), result.unit(), result.min(),
					result.max(), result.samples().size());
		}
	}

	private static List<Result> b1(Arguments arguments, EmbeddedPostgres postgres, String engine) throws RunnerException {
		int migrations = (arguments.b1Migrations() > 0) ? arguments.b1Migrations() : arguments.quick() ? 5 : 1000;
		ChainedOptionsBuilder options = jmh(arguments, postgres).include(ApplyBenchmark.class.getName())
			.param("engine", engine)
			.param("migrations", String.valueOf(migrations))
			.warmupIterations(arguments.quick() ? 0 : 1)
			.measurementIterations(arguments.quick() ? 1 : 3);
		if (!arguments.b1Tools().isEmpty()) {
			options.param("tool", arguments.b1Tools().toArray(String[]::new));
		}
		String notes = "JMH single shot: a fresh empty database per shot, " + migrations + " migrations of create table,"
				+ " create index, 10 inserts, each in its own transaction; " + (arguments.quick() ? "no warm-up" : "1 warm-up shot")
				+ "; every tool with its defaults (Migrator: verified backup before the run, quick integrity check after)"
				+ (engine.equals("sqlite-nosync") ? "; every connection with PRAGMA synchronous=OFF (no fsync)" : "");
		return toResults("B1", "apply " + migrations + " migrations", new Runner(options.build()).run(), notes);
	}

	private static List<Result> b2(Arguments arguments, EmbeddedPostgres postgres, String engine) throws RunnerException {
		List<Result> results = new ArrayList<>();
		String[] sizes = arguments.quick() ? new String[] { "5" } : new String[] { "100", "1000" };
		for (String applied : sizes) {
			ChainedOptionsBuilder options = jmh(arguments, postgres).include(NothingPendingBenchmark.class.getName())
				.param("engine", engine)
				.param("applied", applied)
				.warmupIterations(arguments.quick() ? 0 : 2)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(arguments.quick() ? 1 : 5)
				.measurementTime(arguments.quick() ? TimeValue.milliseconds(200) : TimeValue.seconds(1));
			String notes = "JMH average time per start-up call, one value per " + (arguments.quick() ? "0.2" : "1")
					+ " s iteration; the whole set applied beforehand by the tool itself; each call configures the tool"
					+ " and runs its start-up entry point (Migrator/Flyway migrate, Liquibase update, raw JDBC reading"
					+ " its history) through a warm pool of 3 connections";
			results.addAll(toResults("B2", "nothing pending, " + applied + " applied", new Runner(options.build()).run(), notes));
		}
		return results;
	}

	private static ChainedOptionsBuilder jmh(Arguments arguments, EmbeddedPostgres postgres) {
		List<String> jvmArgs = new ArrayList<>(List.of("-Xms512m", "-Xmx512m",
				"-D" + Workspace.PROPERTY + "=" + Workspace.root()));
		if (postgres != null) {
			String port = String.valueOf(postgres.getPort());
			System.setProperty(BenchmarkDatabase.POSTGRES_PORT, port);
			jvmArgs.add("-D" + BenchmarkDatabase.POSTGRES_PORT + "=" + port);
		}
		return new OptionsBuilder().forks(arguments.quick() ? 0 : 1)
			.jvmArgs(jvmArgs.toArray(String[]::new))
			.shouldFailOnError(true);
	}

	/** One Result per engine and tool; the samples are JMH's per-iteration values, warm-up excluded. */
	static List<Result> toResults(String scenario, String caseName, Collection<RunResult> runs, String notes) {
		List<Result> results = new ArrayList<>();
		for (RunResult run : runs) {
			List<Double> samples = new ArrayList<>();
			for (BenchmarkResult fork : run.getBenchmarkResults()) {
				for (IterationResult iteration : fork.getIterationResults()) {
					samples.add(iteration.getPrimaryResult().getScore());
				}
			}
			String engine = run.getParams().getParam("engine");
			String tool = run.getParams().getParam("tool");
			String unit = run.getPrimaryResult().getScoreUnit().replace("/op", "");
			Result result = new Result(scenario, caseName, engine, tool, unit, samples, notes);
			result.write();
			results.add(result);
		}
		return results;
	}

	private static EmbeddedPostgres startPostgres() throws IOException, SQLException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			System.out.println("PostgreSQL " + connection.getMetaData().getDatabaseProductVersion() + " on port "
					+ postgres.getPort());
		}
		return postgres;
	}

	/**
	 * @param b1Migrations how many migrations B1 applies (0: 1000, 5 with {@code --quick})
	 * @param b1Tools the tools B1 measures (empty: all four)
	 */
	record Arguments(boolean quick, List<String> only, List<String> engines, int b1Migrations, List<String> b1Tools) {

		static Arguments parse(String[] args) {
			boolean quick = false;
			List<String> only = List.of("B1", "B2", "B4", "B5");
			List<String> engines = List.of("sqlite", "postgresql");
			int b1Migrations = 0;
			List<String> b1Tools = List.of();
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--quick" -> quick = true;
					case "--only" -> only = List.of(value(args, ++i).toUpperCase().split(","));
					case "--engines" -> engines = List.of(value(args, ++i).toLowerCase().split(","));
					case "--b1-migrations" -> b1Migrations = Integer.parseInt(value(args, ++i));
					case "--b1-tools" -> b1Tools = List.of(value(args, ++i).toLowerCase().split(","));
					default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
							+ "'; use --quick, --only B1,B2,B4,B5, --engines sqlite,sqlite-nosync,postgresql,"
							+ " --b1-migrations 10000, --b1-tools migrator,flyway,liquibase,raw-jdbc");
				}
			}
			return new Arguments(quick, only, engines, b1Migrations, b1Tools);
		}

		private static String value(String[] args, int i) {
			if (i >= args.length) {
				throw new IllegalArgumentException(args[i - 1] + " needs a value, e.g. " + args[i - 1] + " B1,B2");
			}
			return args[i];
		}

		boolean runs(String scenario) {
			return this.only.contains(scenario);
		}

	}

}
