package dev.migrator.benchmarks.inprocess;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.migrator.benchmarks.report.Result;

/**
 * B5: a data migration of many INSERTs, 200 MB of SQL, applied by Migrator in a JVM of its own
 * limited to 64 MB of heap: the script must be streamed, never held whole. The child reports its
 * peak heap and the time of the migrate.
 */
final class LargeScriptBenchmark {

	static final String HEAP_LIMIT = "-Xmx64m";

	/** The script's size in MB (default 200, 8 with {@code --quick}). */
	static final String MEGABYTES = "migrator.benchmarks.b5.megabytes";

	private LargeScriptBenchmark() {
	}

	static List<Result> run(boolean quick) throws IOException, InterruptedException {
		long megabytes = Long.getLong(MEGABYTES, quick ? 8 : 200);
		Path work = Workspace.forFork("b5");
		BenchmarkDatabase.deleteTree(work);
		Path migrations = Files.createDirectories(work.resolve("migrations"));
		try {
			long rows = generate(migrations, megabytes);
			Path database = work.resolve("data.db");
			Path output = work.resolve("child.out");
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP_LIMIT,
					"-cp", classPath(), LargeScriptChild.class.getName(), database.toString(), migrations.toString(),
					String.valueOf(rows));
			Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!child.waitFor(30, TimeUnit.MINUTES)) {
				child.destroyForcibly();
				throw new IllegalStateException("B5: the child migrating the large script did not finish in 30 minutes");
			}
			List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
			if (child.exitValue() != 0) {
				throw new IllegalStateException("B5: migrating the " + megabytes + " MB script under " + HEAP_LIMIT
						+ " failed (exit " + child.exitValue() + "):\n" + String.join("\n", lines));
			}
			double live = value(lines, LargeScriptChild.LIVE_PEAK);
			double used = value(lines, LargeScriptChild.USED_PEAK);
			double millis = value(lines, LargeScriptChild.MIGRATE_MILLIS);
			System.out.printf("B5: %d MB script, %d rows, under %s: peak live heap %.1f MB (peak used %.1f MB), migrate"
					+ " %.0f ms%n", megabytes, rows, HEAP_LIMIT, live, used, millis);
			String caseName = megabytes + " MB script";
			String notes = String.format("one migration of %d INSERTs (%d MB of SQL) into SQLite with Migrator's defaults,"
					+ " child JVM with %s; MB = the largest heap still in use after a collection (peak used, garbage"
					+ " included: %.1f MB)", rows, megabytes, HEAP_LIMIT, used);
			List<Result> results = List.of(new Result("B5", caseName, "sqlite", "migrator", "MB", List.of(live), notes),
					new Result("B5", caseName, "sqlite", "migrator", "ms", List.of(millis), notes));
			results.forEach(Result::write);
			return results;
		}
		finally {
			BenchmarkDatabase.deleteTree(work);
		}
	}

	/** Writes {@code 1_load_data.sql}: a table, then INSERTs until the file holds {@code megabytes}. */
	static long generate(Path migrations, long megabytes) throws IOException {
		long limit = megabytes * 1024 * 1024;
		long written = 0;
		long rows = 0;
		try (BufferedWriter writer = Files.newBufferedWriter(migrations.resolve("1_load_data.sql"), StandardCharsets.UTF_8)) {
			String create = "CREATE TABLE data_rows (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, payload VARCHAR(200) NOT NULL);\n";
			writer.write(create);
			written += create.length();
			while (written < limit) {
				rows++;
				String insert = "INSERT INTO data_rows (id, name, payload) VALUES (" + rows + ", 'name " + rows
						+ "', 'a payload of some length that makes each row look like data, row " + rows + " -- ; not a comment');\n";
				writer.write(insert);
				written += insert.length();
			}
		}
		return rows;
	}

	private static String classPath() {
		// Surefire may leave java.class.path holding a manifest-only jar; it passes the real one here.
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	private static double value(List<String> lines, String key) {
		return lines.stream()
			.filter((line) -> line.startsWith(key + "="))
			.map((line) -> Double.parseDouble(line.substring(key.length() + 1)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("B5: the child printed no " + key + ":\n" + String.join("\n", lines)));
	}

}
