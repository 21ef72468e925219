package dev.migrator.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of the application in a child JVM: its output goes to a file (a pipe nobody reads could
 * block it), the harness times the whole process from launch to exit, and the child reports its own
 * time from JVM start to ready.
 *
 * @param readyMillis the child's uptime when it was ready and had served a first query
 * @param cpuMillis the CPU time the child's threads had used by then
 * @param processMillis the whole process, launch to exit, as the harness saw it
 * @param tools the migration tool the child found in its context
 * @param tables the generated tables the database has (-1 unless checked)
 * @param history the tool's applied history rows (-1 unless checked, or without a tool)
 * @param peakRssKb the child's peak resident set when ready, in KiB (-1 where unknown)
 */
record StartupChild(long readyMillis, long cpuMillis, double processMillis, String tools, int tables, int history,
		long peakRssKb) {

	private static final Pattern READY = Pattern
		.compile("^startup-ready ms=(\\d+) cpu-ms=(-?\\d+) tools=(\\S+) rss-kb=(-?\\d+)$");

	private static final Pattern CHECK = Pattern.compile("^startup-check tables=(-?\\d+) history=(-?\\d+)$");

	private static final long TIMEOUT_SECONDS = 180;

	/** Runs {@code command} to its end; fails, showing the end of its output, unless it exits 0 and says it was ready. */
	static StartupChild run(List<String> command, Path output) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		long start = System.nanoTime();
		Process process = builder.start();
		boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		double processMillis = (System.nanoTime() - start) / 1e6;
		if (!ended) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw failure("did not exit within " + TIMEOUT_SECONDS + " s", output);
		}
		List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
		Matcher ready = match(READY, lines);
		if (process.exitValue() != 0 || ready == null) {
			throw failure("exited with code " + process.exitValue() + ((ready == null) ? " without saying it was ready" : ""),
					output);
		}
		Matcher check = match(CHECK, lines);
		return new StartupChild(Long.parseLong(ready.group(1)), Long.parseLong(ready.group(2)), processMillis,
				ready.group(3),
				(check != null) ? Integer.parseInt(check.group(1)) : -1,
				(check != null) ? Integer.parseInt(check.group(2)) : -1, Long.parseLong(ready.group(4)));
	}

	private static Matcher match(Pattern pattern, List<String> lines) {
		for (String line : lines) {
			Matcher matcher = pattern.matcher(line.strip());
			if (matcher.matches()) {
				return matcher;
			}
		}
		return null;
	}

	static IllegalStateException failure(String what, Path output) throws IOException {
		List<String> lines = Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
		List<String> tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
		return new IllegalStateException("The start-up benchmark's application " + what + "; its whole output is in "
				+ output + ", the end of it:\n" + String.join("\n", tail));
	}

}
