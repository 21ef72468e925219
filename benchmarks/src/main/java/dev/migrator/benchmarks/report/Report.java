package dev.migrator.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every {@link Result} of a run into what people read: {@code docs/benchmarks.json} (every
 * figure with its ratios), {@code docs/benchmarks.png} (the medians as a chart),
 * {@code docs/benchmarks-table.md} (the table), and the same table spliced into
 * {@code docs/BENCHMARKS.md} between its two marker comments.
 * <p>
 * Each result is compared only with those measured beside it: same scenario, engine, case and unit.
 * The baseline is the floor of that comparison (raw JDBC doing the same statements, the application
 * with no migration tool, a plain file copy); peers are the tools a user would pick instead.
 * <p>
 * Run with the results in {@link Result#DIRECTORY}; {@code -Dmigrator.benchmarks.docs} names the
 * docs folder (default {@code ../docs}, the repository's when run from the module).
 */
public final class Report {

	/** Floors, in the order they are looked for within a comparison group. */
	static final List<String> BASELINES = List.of("connect-only", "raw-jdbc", "spring-boot-alone", "file-copy");

	/** Tools that compete with each other; a result's peers are the others of its set. */
	static final List<Set<String>> PEERS = List.of(Set.of("migrator", "migrator+index", "migrator-before", "flyway", "liquibase"),
			Set.of("spring-boot+migrator", "spring-boot+flyway"));

	/** How tools are listed: ours first, then the peers, then the floors. */
	static final List<String> TOOL_ORDER = List.of("migrator", "migrator+index", "migrator-before", "spring-boot+migrator", "migrator-backup",
			"migrator-restore", "flyway", "spring-boot+flyway", "liquibase", "raw-jdbc", "spring-boot-alone", "file-copy", "connect-only");

	static final List<String> ENGINE_ORDER = List.of("sqlite", "postgresql");

	static final String TABLE_BEGIN = "<!-- benchmarks-table:begin -->";

	static final String TABLE_END = "<!-- benchmarks-table:end -->";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final List<ReportRow> rows;

	private final Machine machine;

	private final Instant generated;

	public Report(List<Result> results, Machine machine, Instant generated) {
		this.rows = rows(results);
		this.machine = machine;
		this.generated = generated.truncatedTo(ChronoUnit.SECONDS);
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		Path docs = Path.of(System.getProperty("migrator.benchmarks.docs", "../docs"));
		List<Result> results;
		try {
			results = Result.readAll(Result.DIRECTORY);
		}
		catch (NoSuchFileException ex) {
			results = List.of();
		}
		if (results.isEmpty()) {
			System.err.println("No benchmark results in " + Result.DIRECTORY.toAbsolutePath()
					+ ": run the benchmarks first (the command is in docs/BENCHMARKS.md), or point "
					+ "-Dmigrator.benchmarks.results at the folder they wrote.");
			System.exit(2);
		}
		Report report = new Report(results, Machine.current(), Instant.now());
		Files.createDirectories(docs);
		report.writeJson(docs.resolve("benchmarks.json"));
		report.writeChart(docs.resolve("benchmarks.png"));
		String table = report.table();
		Files.writeString(docs.resolve("benchmarks-table.md"), table, StandardCharsets.UTF_8);
		boolean spliced = report.splice(docs.resolve("BENCHMARKS.md"));
		System.out.println("Report: " + results.size() + " results from " + Result.DIRECTORY + " -> " + docs
				+ "/benchmarks.json, benchmarks.png, benchmarks-table.md"
				+ (spliced ? ", and the table in BENCHMARKS.md" : ""));
		System.out.println(table);
	}

	public List<ReportRow> rows() {
		return this.rows;
	}

	/** Every result with its comparisons, in report order. */
	static List<ReportRow> rows(List<Result> results) {
		Map<String, List<Result>> groups = results.stream()
			.collect(Collectors.groupingBy(ReportRow::group, LinkedHashMap::new, Collectors.toList()));
		List<ReportRow> rows = new ArrayList<>();
		for (List<Result> group : groups.values()) {
			Result baseline = BASELINES.stream()
				.flatMap((tool) -> group.stream().filter((result) -> result.tool().equals(tool)))
				.findFirst()
				.orElse(null);
			for (Result result : group) {
				Map<String, Double> peers = new LinkedHashMap<>();
				for (Result other : sorted(group)) {
					if (other != result && arePeers(result.tool(), other.tool())) {
						peers.put(other.tool(), result.median() / other.median());
					}
				}
				if (baseline != null && baseline != result) {
					rows.add(new ReportRow(result, baseline.tool(), result.median() / baseline.median(),
							result.median() - baseline.median(), peers));
				}
				else {
					rows.add(new ReportRow(result, null, null, null, peers));
				}
			}
		}
		rows.sort(Comparator.comparing((ReportRow row) -> row.result().scenario())
			.thenComparing((row) -> rank(ENGINE_ORDER, row.result().engine()))
			.thenComparing((row) -> row.result().caseName())
			.thenComparing((row) -> row.result().unit())
			.thenComparing((row) -> rank(TOOL_ORDER, row.result().tool()))
			.thenComparing((row) -> row.result().tool()));
		return List.copyOf(rows);
	}

	private static List<Result> sorted(List<Result> group) {
		return group.stream()
			.sorted(Comparator.comparing((Result result) -> rank(TOOL_ORDER, result.tool())).thenComparing(Result::tool))
			.toList();
	}

	private static boolean arePeers(String tool, String other) {
		return PEERS.stream().anyMatch((set) -> set.contains(tool) && set.contains(other));
	}

	static int rank(List<String> order, String value) {
		int index = order.indexOf(value);
		return (index >= 0) ? index : order.size();
	}

	/** All results with their statistics and ratios, and where and when they were measured. */
	void writeJson(Path file) throws IOException {
		List<Map<String, Object>> results = new ArrayList<>();
		for (ReportRow row : this.rows) {
			Result result = row.result();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("scenario", result.scenario());
			entry.put("case", result.caseName());
			entry.put("engine", result.engine());
			entry.put("tool", result.tool());
			entry.put("unit", result.unit());
			entry.put("median", round(result.median()));
			entry.put("min", round(result.min()));
			entry.put("max", round(result.max()));
			entry.put("runs", result.samples().size());
			entry.put("baseline", row.baseline());
			entry.put("ratioToBaseline", round(row.ratioToBaseline()));
			entry.put("overBaseline", round(row.overBaseline()));
			Map<String, Object> peers = new LinkedHashMap<>();
			row.ratioToPeers().forEach((tool, ratio) -> peers.put(tool, round(ratio)));
			entry.put("ratioToPeers", peers);
			entry.put("samples", result.samples());
			entry.put("notes", result.notes());
			results.add(entry);
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("generated", this.generated.toString());
		document.put("machine", this.machine);
		document.put("results", results);
		JSON.writeValue(file.toFile(), document);
	}

	void writeChart(Path file) throws IOException {
		new ReportChart(this.rows).write(file);
	}

	/** The markdown table, a line saying where it was measured above it, and the notes below it. */
	String table() {
		return new ReportTable(this.rows, this.machine, this.generated).markdown();
	}

	/**
	 * Replaces what is between the two marker comments of {@code document} with the table.
	 * @return whether it did: false, saying why, when the document or its markers are missing
	 */
	boolean splice(Path document) throws IOException {
		if (!Files.exists(document)) {
			System.err.println("Report: no " + document + " to put the table in; the table is in benchmarks-table.md");
			return false;
		}
		String text = Files.readString(document, StandardCharsets.UTF_8);
		int begin = text.indexOf(TABLE_BEGIN);
		int end = text.indexOf(TABLE_END);
		if (begin < 0 || end < begin) {
			System.err.println("Report: " + document + " has no '" + TABLE_BEGIN + "' ... '" + TABLE_END
					+ "' pair, so the table was not put in; add the two lines where it belongs and run the report again");
			return false;
		}
		String spliced = text.substring(0, begin + TABLE_BEGIN.length()) + "\n" + table() + text.substring(end);
		Files.writeString(document, spliced, StandardCharsets.UTF_8);
		return true;
	}

	private static Double round(Double value) {
		return (value != null) ? Math.round(value * 1000) / 1000.0 : null;
	}

	/**
	 * The machine the figures come from, as this JVM sees it (the one command runs every benchmark and
	 * the report on the same machine and JDK).
	 */
	public record Machine(String cpu, int cores, long memoryMegabytes, String os, String jdk) {

		public static Machine current() {
			return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemoryMegabytes(),
					System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
							+ System.getProperty("os.arch"),
					System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
		}

		private static String cpuModel() {
			return procField("/proc/cpuinfo", "model name").orElse("unknown CPU");
		}

		private static long totalMemoryMegabytes() {
			// MemTotal: 24589340 kB
			return procField("/proc/meminfo", "MemTotal")
				.map((value) -> Long.parseLong(value.replaceAll("[^0-9]", "")) / 1024)
				.orElse(-1L);
		}

		private static Optional<String> procField(String file, String field) {
			try {
				return Files.readAllLines(Path.of(file)).stream()
					.filter((line) -> line.startsWith(field))
					.map((line) -> line.substring(line.indexOf(':') + 1).strip())
					.findFirst();
			}
			catch (IOException | RuntimeException ex) {
				return Optional.empty();
			}
		}

		String describe() {
			return String.format(Locale.ROOT, "%s, %d cores, %s, %s; Java %s", this.cpu, this.cores,
					(this.memoryMegabytes > 0) ? Math.round(this.memoryMegabytes / 1024.0) + " GiB" : "memory unknown",
					this.os, this.jdk);
		}

	}

}
