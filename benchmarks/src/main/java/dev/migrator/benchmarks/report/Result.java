package dev.migrator.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * One measured case: a scenario (B1..B5), an engine, a tool, and the samples taken side by side in
 * one run. Every benchmark writes its results as one JSON file each into {@link #DIRECTORY}; the
 * report reads them all back.
 *
 * @param scenario B1, B2, ...
 * @param caseName what was measured, e.g. "apply 1000 migrations" or "nothing pending, 1000 applied"
 * @param engine sqlite or postgresql
 * @param tool migrator, flyway, liquibase, raw-jdbc, file-copy, no-migrations, ...
 * @param unit the samples' unit, e.g. "ms" or "MB"
 * @param samples every measured value (warm-up excluded)
 * @param notes anything a reader needs to judge the figure (heap limit, sizes, JMH mode)
 */
public record Result(String scenario, String caseName, String engine, String tool, String unit, List<Double> samples,
		String notes) {

	/** Where results go: benchmarks/target/results, or -Dmigrator.benchmarks.results. */
	public static final Path DIRECTORY = Path.of(System.getProperty("migrator.benchmarks.results", "target/results"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public Result {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("a result needs at least one sample: " + scenario + " " + caseName + " " + tool);
		}
		samples = List.copyOf(samples);
	}

	public double median() {
		List<Double> sorted = sorted();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	public double min() {
		return sorted().get(0);
	}

	public double max() {
		return sorted().get(this.samples.size() - 1);
	}

	private List<Double> sorted() {
		List<Double> sorted = new ArrayList<>(this.samples);
		Collections.sort(sorted);
		return sorted;
	}

	/**
	 * Writes this result to {@code DIRECTORY/<scenario>-<engine>-<case>-<tool>.json}, replacing an older one;
	 * a unit other than ms is added to the name, so B5's heap and time are two files.
	 */
	public Path write() {
		return write(DIRECTORY);
	}

	/** Writes this result into the given directory (tests: never the real results). */
	public Path write(Path directory) {
		String name = (this.scenario + "-" + this.engine + "-" + this.caseName + "-" + this.tool
				+ ("ms".equals(this.unit) ? "" : "-" + this.unit))
			.toLowerCase().replaceAll("[^a-z0-9.]+", "-");
		try {
			Files.createDirectories(directory);
			Path file = directory.resolve(name + ".json");
			JSON.writeValue(file.toFile(), this);
			return file;
		}
		catch (IOException | RuntimeException ex) {
			throw new UncheckedIOException(new IOException("Could not write benchmark result " + name + ": " + ex.getMessage(), ex));
		}
	}

	/** Every result in the directory. */
	public static List<Result> readAll(Path directory) throws IOException {
		List<Result> results = new ArrayList<>();
		try (var files = Files.list(directory)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				results.add(JSON.readValue(file.toFile(), Result.class));
			}
		}
		return results;
	}

}
