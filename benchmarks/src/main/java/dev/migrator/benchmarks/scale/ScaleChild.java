package dev.migrator.benchmarks.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.DriverManager;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/**
 * One engine-API call in a fresh JVM, as a program calling the engine makes it: the driver loaded
 * first, then the clock, a new {@link Migrator} and the call. Prints {@code SCALE elapsed-ms cpu-ms}
 * of the calling thread. Arguments: case ({@code status}, {@code dashboard}, {@code rollback-dry-run}),
 * JDBC URL, migrations folder.
 */
public final class ScaleChild {

	private ScaleChild() {
	}

	public static void main(String[] args) throws Exception {
		String scenario = args[0];
		String url = args[1];
		String folder = args[2];
		DriverManager.getConnection(url).close();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		Migrator migrator = Migrator.configure().url(url).locations("filesystem:" + folder).load();
		switch (scenario) {
			case "status" -> require(migrator.status().pending().isEmpty(), "status: something pending");
			case "dashboard" -> require(migrator.dashboard() != null, "dashboard");
			case "rollback-dry-run" -> {
				RunResult result = migrator.rollback(ScaleBenchmark.STEPS, new RunOptions(true, false));
				require(result.succeeded() && result.migrations().size() == ScaleBenchmark.STEPS,
						"rollback dry run: " + result.failure());
			}
			default -> throw new IllegalArgumentException("unknown case " + scenario);
		}
		long elapsed = System.nanoTime() - start;
		long used = threads.getCurrentThreadCpuTime() - cpu;
		System.out.println("SCALE " + elapsed / 1e6 + " " + used / 1e6);
	}

	private static void require(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException(what);
		}
	}

}
