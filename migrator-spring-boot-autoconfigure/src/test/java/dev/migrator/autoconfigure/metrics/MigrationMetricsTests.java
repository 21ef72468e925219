package dev.migrator.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.ApplicationReady;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.SqliteFile;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.RunOptions;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MigrationMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigratorMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@TempDir
	Path dir;

	@Test
	void everyDocumentedMeterHasASeriesAtZeroFromStartUp() {
		this.contextRunner.withPropertyValues(db()).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migrator.migrations.failed").counter().count()).isZero();
			for (String type : new String[] { "sql", "java" }) {
				assertThat(registry.get("migrator.migrations.applied").tag("type", type).counter().count()).isZero();
				assertThat(registry.get("migrator.migrations.rolled.back").tag("type", type).counter().count()).isZero();
				assertThat(registry.get("migrator.migration.duration").tags("direction", "up", "type", type).timer().count())
					.isZero();
				assertThat(registry.get("migrator.migration.duration").tags("direction", "down", "type", type).timer().count())
					.isZero();
			}
			for (String command : new String[] { "migrate", "rollback" }) {
				for (String outcome : new String[] { "success", "failure" }) {
					assertThat(registry.get("migrator.runs").tags("command", command, "outcome", outcome).counter().count())
						.isZero();
				}
			}
			assertThat(registry.get("migrator.pending").gauge().value()).isEqualTo(2);
		});
	}

	@Test
	void aFailureCountsOnTheSeriesThatWasThereAtZero() {
		this.contextRunner.withPropertyValues(db()).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			double before = registry.get("migrator.migrations.failed").counter().count();
			context.getBean(Migrator.class).migrate();
			context.getBean(Migrator.class).rollback(1);
			assertThat(registry.get("migrator.migrations.failed").counter().count()).isEqualTo(before);
			assertThat(registry.find("migrator.migrations.failed").counters()).hasSize(1);
		});
	}

	@Test
	void countsAndTimesAppliedMigrationsAndTheRun() {
		this.contextRunner.withPropertyValues(db()).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migrator.pending").gauge().value()).isEqualTo(2);
			ApplicationReady.publish(context);
			assertThat(registry.get("migrator.migrations.applied").tag("type", "sql").counter().count()).isEqualTo(2);
			assertThat(registry.get("migrator.migration.duration").tags("direction", "up", "type", "sql").timer().count()).isEqualTo(2);
			assertThat(registry.get("migrator.runs").tags("command", "migrate", "outcome", "success").counter().count())
				.isEqualTo(1);
			assertThat(registry.get("migrator.pending").gauge().value()).isZero();
		});
	}

	@Test
	void countsRollbacks() {
		this.contextRunner.withPropertyValues(db()).run((context) -> {
			ApplicationReady.publish(context);
			context.getBean(Migrator.class).rollback(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migrator.migrations.rolled.back").tag("type", "sql").counter().count()).isEqualTo(1);
			assertThat(registry.get("migrator.migration.duration").tags("direction", "down", "type", "sql").timer().count()).isEqualTo(1);
			assertThat(registry.get("migrator.pending").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void countsFailures() {
		this.contextRunner.withPropertyValues(db(), "migrator.locations=classpath:db/failing", "migrator.on-failure=continue")
			.run((context) -> {
				ApplicationReady.publish(context);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("migrator.migrations.failed").counter().count()).isEqualTo(1);
				assertThat(registry.get("migrator.runs").tags("command", "migrate", "outcome", "failure").counter().count()).isEqualTo(1);
			});
	}

	@Test
	void leavesDryRunsUncounted() {
		this.contextRunner.withPropertyValues(db()).run((context) -> {
			context.getBean(Migrator.class).migrate(RunOptions.dryRunOnly());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("migrator.migrations.applied").counters()).isNotEmpty()
				.allSatisfy((counter) -> assertThat(counter.count()).isZero());
			assertThat(registry.find("migrator.runs").counters()).isNotEmpty()
				.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
					MigratorMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues(db())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationMetrics.class));
	}

	private String db() {
		return SqliteFile.in(this.dir).dataSourceUrl();
	}

}
