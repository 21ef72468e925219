package dev.migrator.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.ApplicationReady;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The meters table of docs/SPRING-BOOT.md, read as it is written, against the registry: every
 * documented meter, with every documented tag value, has its series at zero from start-up (an alert
 * on {@code migrator.migrations.failed > 0} finds a series before the first failure), still after a
 * start that migrated; and no {@code migrator.*} meter is registered that the table does not list.
 */
class DocumentedMetersTests {

	private static final Path DOC = Path.of("..", "docs", "SPRING-BOOT.md");

	private static final Pattern TAG = Pattern.compile("`([a-z.]+)`(?: \\(([^)]*)\\))?");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigratorMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@TempDir
	Path dir;

	@Test
	void theDocumentedTableListsEveryMeterWithItsTagValues() throws IOException {
		Map<String, Map<String, List<String>>> meters = documentedMeters();
		assertThat(meters).containsKeys("migrator.migrations.applied", "migrator.migrations.failed", "migrator.runs",
				"migrator.pending");
		assertThat(meters.get("migrator.runs")).containsEntry("outcome", List.of("success", "failure"));
		// a tag written without its values takes them from the row above that has them
		assertThat(meters.get("migrator.migrations.rolled.back")).containsEntry("type", List.of("sql", "java"));
	}

	@Test
	void everyDocumentedSeriesExistsAtZeroRightAfterStartUp() throws IOException {
		Map<String, Map<String, List<String>>> documented = documentedMeters();
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl()).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			documented.forEach((name, tags) -> {
				for (List<Tag> series : combinations(tags)) {
					Meter meter = registry.find(name).tags(series).meter();
					assertThat(meter).as("%s %s, documented in %s", name, series, DOC).isNotNull();
					assertThat(count(meter)).as("%s %s", name, series).isZero();
				}
			});
			assertThat(registry.getMeters()).as("registered but not in the table of " + DOC)
				.extracting((meter) -> meter.getId().getName())
				.filteredOn((name) -> name.startsWith("migrator."))
				.allSatisfy((name) -> assertThat(documented).containsKey(name));
		});
	}

	@Test
	void theFailureSeriesIsStillThereAtZeroAfterAStartThatMigrated() throws IOException {
		Map<String, Map<String, List<String>>> documented = documentedMeters();
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migrator.migrations.applied").tag("type", "sql").counter().count()).isEqualTo(2);
			assertThat(registry.get("migrator.migrations.failed").counter().count()).isZero();
			documented.forEach((name, tags) -> combinations(tags)
				.forEach((series) -> assertThat(registry.find(name).tags(series).meter()).as("%s %s", name, series)
					.isNotNull()));
		});
	}

	private static double count(Meter meter) {
		if (meter instanceof Counter counter) {
			return counter.count();
		}
		if (meter instanceof Timer timer) {
			return timer.count();
		}
		return 0; // a gauge: present is what counts, its value is the pending count
	}

	/** Each meter of the table with its tags and their values, in the order written. */
	static Map<String, Map<String, List<String>>> documentedMeters() throws IOException {
		List<String> lines = Files.readAllLines(DOC);
		int header = lines.indexOf("| meter | type | tags |");
		assertThat(header).as("the meters table of " + DOC).isNotNegative();
		Map<String, List<String>> knownValues = new LinkedHashMap<>();
		Map<String, Map<String, List<String>>> meters = new LinkedHashMap<>();
		for (String line : lines.subList(header + 2, lines.size())) {
			if (!line.startsWith("|")) {
				break;
			}
			String[] cells = line.split("\\|");
			String name = cells[1].trim().replace("`", "");
			Map<String, List<String>> tags = new LinkedHashMap<>();
			Matcher tag = TAG.matcher(cells[3]);
			while (tag.find()) {
				List<String> values = (tag.group(2) != null) ? values(tag.group(2)) : knownValues.get(tag.group(1));
				knownValues.put(tag.group(1), values);
				tags.put(tag.group(1), values);
			}
			meters.put(name, tags);
		}
		return meters;
	}

	private static List<String> values(String text) {
		List<String> values = new ArrayList<>();
		for (String value : text.split(",")) {
			values.add(value.trim().replace("`", ""));
		}
		return values;
	}

	/** Every combination of the tags' values: one series each. */
	private static List<List<Tag>> combinations(Map<String, List<String>> tags) {
		List<List<Tag>> combinations = new ArrayList<>();
		combinations.add(List.of());
		tags.forEach((name, values) -> {
			List<List<Tag>> next = new ArrayList<>();
			for (List<Tag> partial : combinations) {
				for (String value : values) {
					List<Tag> extended = new ArrayList<>(partial);
					extended.add(Tag.of(name, value));
					next.add(extended);
				}
			}
			combinations.clear();
			combinations.addAll(next);
		});
		return combinations;
	}

}
