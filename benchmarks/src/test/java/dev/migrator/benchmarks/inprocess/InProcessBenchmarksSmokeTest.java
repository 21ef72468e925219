package dev.migrator.benchmarks.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.benchmarks.report.Result;

/**
 * {@code InProcessBenchmarks --quick} runs end to end, as the one command starts it (a JVM of its
 * own), and writes one result per scenario, case, engine and tool. SQLite only: PostgreSQL's start
 * is worth its time in the real run, not in a unit test. The smallest files that still take each path:
 * B4's database of 4 MB (backup, restore and their checks run whole on it), B5's script of 2 MB
 * (thousands of statements streamed from one file; --quick alone makes 16 and 8 MB, the 8 MB script
 * most of this test's time).
 */
class InProcessBenchmarksSmokeTest {

	@TempDir
	Path dir;

	@Test
	void quickRunWritesEveryResult() throws Exception {
		Path results = this.dir.resolve("results");
		Path output = this.dir.resolve("output.txt");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				// JMH refuses to run beside another JMH run on the machine; a smoke run measures nothing,
				// so it runs with the quick-starting first JIT tier (its forks inherit the flag)
				"-XX:TieredStopAtLevel=1",
				"-Djmh.ignoreLock=true", "-D" + BackupBenchmark.MEGABYTES + "=4", "-D" + LargeScriptBenchmark.MEGABYTES + "=2",
				"-Dmigrator.benchmarks.results=" + results, "-D" + Workspace.PROPERTY + "=" + this.dir.resolve("work"),
				"-cp", classPath(), InProcessBenchmarks.class.getName(), "--quick", "--engines", "sqlite"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		try {
			assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
			assertThat(process.exitValue()).as(Files.readString(output)).isZero();
		}
		finally {
			process.destroyForcibly();
		}

		List<Result> written = Result.readAll(results);
		assertThat(written).extracting((r) -> r.scenario() + " " + r.engine() + " " + r.tool() + " " + r.unit())
			.containsExactlyInAnyOrder("B1 sqlite migrator ms", "B1 sqlite flyway ms", "B1 sqlite liquibase ms",
					"B1 sqlite raw-jdbc ms", "B2 sqlite migrator ms", "B2 sqlite flyway ms", "B2 sqlite liquibase ms",
					"B2 sqlite raw-jdbc ms", "B4 sqlite file-copy ms", "B4 sqlite migrator-backup ms",
					"B4 sqlite migrator-restore ms", "B5 sqlite migrator MB", "B5 sqlite migrator ms",
					// B4 also writes each tool's process CPU time, as a case of its own
					"B4 sqlite file-copy ms", "B4 sqlite migrator-backup ms", "B4 sqlite migrator-restore ms");
		assertThat(written).filteredOn((r) -> r.scenario().equals("B4"))
			.extracting(Result::caseName)
			.filteredOn((name) -> name.endsWith(", CPU time"))
			.hasSize(3);
		// every elapsed time is positive; a CPU time may be 0 on a tiny smoke-run file (the process's
		// CPU clock counts in scheduler ticks of 10 ms), but is never negative
		assertThat(written).filteredOn((r) -> !r.caseName().endsWith(", CPU time"))
			.allSatisfy((result) -> assertThat(result.samples()).allSatisfy((s) -> assertThat(s).isPositive()));
		assertThat(written).filteredOn((r) -> r.caseName().endsWith(", CPU time"))
			.allSatisfy((result) -> assertThat(result.samples()).allSatisfy((s) -> assertThat(s).isNotNegative()));
		// the child ran the large script under the heap limit and reported a peak below it
		Result heap = written.stream().filter((r) -> r.unit().equals("MB")).findFirst().orElseThrow();
		assertThat(heap.median()).isLessThan(64);
		assertThat(this.dir.resolve("work")).isEmptyDirectory();
	}

	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

}
