package dev.migrator.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.migrator.benchmarks.report.Report.Machine;

class ReportTest {

	private static final Machine MACHINE = new Machine("Test CPU @ 1.00GHz", 2, 24 * 1024, "Linux 6.1 amd64",
			"Test JDK 17.0.15");

	private static final List<Result> RESULTS = List.of(
			result("B1", "apply 1000 migrations", "sqlite", "migrator", "ms", 10, 12, 11),
			result("B1", "apply 1000 migrations", "sqlite", "flyway", "ms", 22),
			result("B1", "apply 1000 migrations", "sqlite", "liquibase", "ms", 33),
			result("B1", "apply 1000 migrations", "sqlite", "raw-jdbc", "ms", 9, 11),
			result("B1", "apply 1000 migrations", "postgresql", "migrator", "ms", 40),
			result("B3", "start, 100 applied", "sqlite", "spring-boot-alone", "ms", 1000, 990, 1010),
			result("B3", "start, 100 applied", "sqlite", "spring-boot+flyway", "ms", 1200, 1300, 1100),
			result("B3", "start, 100 applied", "sqlite", "spring-boot+migrator", "ms", 1050, 1000, 1100),
			result("B4", "1 GB database", "sqlite", "migrator-backup", "ms", 150),
			result("B4", "1 GB database", "sqlite", "migrator-restore", "ms", 300),
			result("B4", "1 GB database", "sqlite", "file-copy", "ms", 100),
			result("B5", "200 MB script", "sqlite", "migrator", "MB", 48),
			result("B5", "200 MB script", "sqlite", "migrator", "ms", 9000));

	private final Report report = new Report(RESULTS, MACHINE, Instant.parse("2026-11-21T09:00:00.123Z"));

	@TempDir
	Path docs;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	@Test
	void ratiosAreMedianOverMedianWithinOneScenarioEngineAndCase() {
		ReportRow migrator = row("B1", "sqlite", "migrator", "ms");
		assertThat(migrator.baseline()).isEqualTo("raw-jdbc");
		assertThat(migrator.ratioToBaseline()).isCloseTo(11.0 / 10.0, within(1e-9));
		assertThat(migrator.overBaseline()).isCloseTo(1.0, within(1e-9));
		assertThat(migrator.ratioToPeers()).containsOnlyKeys("flyway", "liquibase");
		assertThat(migrator.ratioToPeers().get("flyway")).isCloseTo(0.5, within(1e-9));
		assertThat(migrator.ratioToPeers().get("liquibase")).isCloseTo(1.0 / 3, within(1e-9));
		ReportRow flyway = row("B1", "sqlite", "flyway", "ms");
		assertThat(flyway.ratioToPeers().get("migrator")).isCloseTo(2.0, within(1e-9));
	}

	@Test
	void theFloorHasNoRatioAndAnEngineWithoutOneHasNoneEither() {
		ReportRow raw = row("B1", "sqlite", "raw-jdbc", "ms");
		assertThat(raw.baseline()).isNull();
		assertThat(raw.ratioToPeers()).isEmpty();
		ReportRow alone = row("B1", "postgresql", "migrator", "ms");
		assertThat(alone.baseline()).isNull();
		assertThat(alone.ratioToBaseline()).isNull();
		assertThat(alone.ratioToPeers()).isEmpty();
	}

	@Test
	void startUpOverheadIsOverTheApplicationAloneAndComparedWithBootsFlyway() {
		ReportRow ours = row("B3", "sqlite", "spring-boot+migrator", "ms");
		assertThat(ours.baseline()).isEqualTo("spring-boot-alone");
		assertThat(ours.overBaseline()).isCloseTo(50.0, within(1e-9));
		assertThat(ours.ratioToBaseline()).isCloseTo(1.05, within(1e-9));
		assertThat(ours.ratioToPeers()).containsOnlyKeys("spring-boot+flyway");
		assertThat(ours.ratioToPeers().get("spring-boot+flyway")).isCloseTo(1050.0 / 1200.0, within(1e-9));
	}

	@Test
	void backupAndRestoreAreComparedWithAFileCopyNotWithEachOther() {
		ReportRow backup = row("B4", "sqlite", "migrator-backup", "ms");
		assertThat(backup.baseline()).isEqualTo("file-copy");
		assertThat(backup.ratioToBaseline()).isCloseTo(1.5, within(1e-9));
		assertThat(backup.ratioToPeers()).isEmpty();
	}

	@Test
	void resultsInOtherUnitsAreNotCompared() {
		assertThat(row("B5", "sqlite", "migrator", "MB").ratioToPeers()).isEmpty();
		assertThat(row("B5", "sqlite", "migrator", "ms").baseline()).isNull();
	}

	@Test
	void rowsAreInReportOrderOursFirstTheFloorLast() {
		List<String> b3 = this.report.rows()
			.stream()
			.filter((row) -> row.result().scenario().equals("B3"))
			.map((row) -> row.result().tool())
			.toList();
		assertThat(b3).containsExactly("spring-boot+migrator", "spring-boot+flyway", "spring-boot-alone");
		assertThat(this.report.rows().get(0).result().engine()).isEqualTo("sqlite");
	}

	@Test
	void theTableShowsMedianSpreadRunsAndBothComparisons() {
		String table = this.report.table();
		assertThat(table).startsWith("Measured 2026-11-21T09:00:00Z on Test CPU @ 1.00GHz, 2 cores, 24 GiB");
		assertThat(table).contains("| B3 | sqlite | start, 100 applied | spring-boot+migrator | 1,050 ms | 1,000 – 1,100 | 3 "
				+ "| 1.05× spring-boot-alone (+50 ms) | 0.88× spring-boot+flyway |");
		assertThat(table).contains("| B1 | sqlite | apply 1000 migrations | migrator | 11.0 ms | 10.0 – 12.0 | 3 "
				+ "| 1.10× raw-jdbc (+1.0 ms) | 0.50× flyway, 0.33× liquibase |");
		assertThat(table).contains("| B1 | sqlite | apply 1000 migrations | raw-jdbc | 10.0 ms | 9.0 – 11.0 | 2 | the floor |  |");
		assertThat(table).contains("- B1, sqlite, apply 1000 migrations: measured by hand for the test");
	}

	@Test
	void jsonHoldsEveryResultWithItsStatisticsRatiosAndMachine() throws Exception {
		Path file = this.docs.resolve("benchmarks.json");
		this.report.writeJson(file);
		JsonNode json = JsonMapper.builder().build().readTree(file.toFile());
		assertThat(json.get("generated").asString()).isEqualTo("2026-11-21T09:00:00Z");
		assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
		assertThat(json.get("results")).hasSize(RESULTS.size());
		JsonNode ours = json.get("results").valueStream()
			.filter((node) -> node.get("tool").asString().equals("spring-boot+migrator"))
			.findFirst()
			.orElseThrow();
		assertThat(ours.get("median").asDouble()).isEqualTo(1050.0);
		assertThat(ours.get("min").asDouble()).isEqualTo(1000.0);
		assertThat(ours.get("runs").asInt()).isEqualTo(3);
		assertThat(ours.get("baseline").asString()).isEqualTo("spring-boot-alone");
		assertThat(ours.get("overBaseline").asDouble()).isEqualTo(50.0);
		assertThat(ours.get("ratioToPeers").get("spring-boot+flyway").asDouble()).isEqualTo(0.875);
		assertThat(ours.get("samples")).hasSize(3);
	}

	@Test
	void theChartIsAPngWithOnePanelPerScenarioAndCase() throws Exception {
		Path file = this.docs.resolve("benchmarks.png");
		this.report.writeChart(file);
		byte[] bytes = Files.readAllBytes(file);
		assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
		BufferedImage image = ImageIO.read(file.toFile());
		// five panels (B1, B3, B4, B5 MB, B5 ms), two a row: three rows
		assertThat(new ReportChart(this.report.rows()).panels()).hasSize(5);
		assertThat(image.getWidth()).isEqualTo(2 * 640);
		assertThat(image.getHeight()).isEqualTo(3 * 380);
	}

	@Test
	void theTableReplacesWhatIsBetweenTheMarkersAndNothingElse() throws Exception {
		Path document = this.docs.resolve("BENCHMARKS.md");
		Files.writeString(document, "# Benchmarks\n\nBefore.\n\n" + Report.TABLE_BEGIN + "\nold table\n" + Report.TABLE_END
				+ "\n\nAfter.\n", StandardCharsets.UTF_8);
		assertThat(this.report.splice(document)).isTrue();
		assertThat(this.report.splice(document)).isTrue();
		String text = Files.readString(document);
		assertThat(text).startsWith("# Benchmarks\n\nBefore.\n\n" + Report.TABLE_BEGIN + "\nMeasured ")
			.endsWith(Report.TABLE_END + "\n\nAfter.\n")
			.doesNotContain("old table");
		assertThat(text.split("\\| B3 \\| sqlite \\| start, 100 applied \\| spring-boot\\+migrator")).hasSize(2);
	}

	@Test
	void aDocumentWithoutMarkersIsLeftAsItWas() throws Exception {
		Path document = this.docs.resolve("BENCHMARKS.md");
		Files.writeString(document, "# Benchmarks\n\nno markers here\n", StandardCharsets.UTF_8);
		assertThat(this.report.splice(document)).isFalse();
		assertThat(Files.readString(document)).isEqualTo("# Benchmarks\n\nno markers here\n");
	}

	private ReportRow row(String scenario, String engine, String tool, String unit) {
		return this.report.rows()
			.stream()
			.filter((row) -> row.result().scenario().equals(scenario) && row.result().engine().equals(engine)
					&& row.result().tool().equals(tool) && row.result().unit().equals(unit))
			.findFirst()
			.orElseThrow();
	}

	private static Result result(String scenario, String caseName, String engine, String tool, String unit,
			double... samples) {
		return new Result(scenario, caseName, engine, tool, unit, java.util.Arrays.stream(samples).boxed().toList(),
				"measured by hand for the test");
	}

}
