package dev.migrator.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.ApplicationReady;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.SqliteFile;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.ErrorDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.MigrationsDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpointAutoConfiguration;
import dev.migrator.autoconfigure.actuate.health.MigrationsHealthContributorAutoConfiguration;
import dev.migrator.autoconfigure.actuate.health.MigrationsHealthIndicator;
import dev.migrator.autoconfigure.metrics.MigratorMetricsAutoConfiguration;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The endpoint, health and meters of named migrators ({@code migrator.instances}), and their absence without any. */
class MigratorInstancesActuatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigrationsEndpointAutoConfiguration.class, MigrationsHealthContributorAutoConfiguration.class,
				MigratorMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("management.endpoints.web.exposure.include=migrations");

	@TempDir
	Path dir;

	private ApplicationContextRunner withReporting() throws Exception {
		SqliteFile reporting = SqliteFile.in(Files.createDirectories(this.dir.resolve("reporting")));
		return this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(),
				"migrator.instances.reporting.url=" + reporting.url());
	}

	@Test
	void theEndpointListsTheInstancesAndShowsEachUnderItsName() throws Exception {
		withReporting().run((context) -> {
			ApplicationReady.publish(context);
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			assertThat(endpoint.migrations().instances()).containsExactly("reporting");
			WebEndpointResponse<Object> reporting = endpoint.migration(SecurityContext.NONE, "reporting");
			assertThat(reporting.getStatus()).isEqualTo(200);
			MigrationsDescriptor described = (MigrationsDescriptor) reporting.getBody();
			assertThat(described.currentVersion()).isEqualTo("001");
			assertThat(described.instances()).containsExactly("reporting");
			assertThat(endpoint.migration(SecurityContext.NONE, "1").getStatus()).as("a version is still a version")
				.isEqualTo(200);
		});
	}

	@Test
	void aMistypedInstanceIsA404NamingTheNearestAndRunsNothing() throws Exception {
		withReporting().run((context) -> {
			ApplicationReady.publish(context);
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			WebEndpointResponse<Object> read = endpoint.migration(SecurityContext.NONE, "Reportin");
			assertThat(read.getStatus()).isEqualTo(404);
			assertThat(((ErrorDescriptor) read.getBody()).error())
				.startsWith("No migrator instance 'Reportin': did you mean 'reporting'?");
			WebEndpointResponse<Object> write = endpoint.instanceRun(SecurityContext.NONE, "reportin", "rollback", 1,
					null, null, null, null);
			assertThat(write.getStatus()).isEqualTo(404);
			assertThat(((MigrationsDescriptor) endpoint.migration(SecurityContext.NONE, "reporting").getBody())
				.currentVersion()).isEqualTo("001");
		});
	}

	@Test
	void withoutInstancesTheEndpointAnswersAsBefore() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl()).run((context) -> {
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			assertThat(endpoint.migrations().instances()).isEmpty();
			assertThat(endpoint.migration(SecurityContext.NONE, "reporting").getStatus())
				.as("not a version: 400, as before").isEqualTo(400);
			assertThat(endpoint.instanceMigration(SecurityContext.NONE, "reporting", "1").getStatus()).isEqualTo(404);
		});
	}

	@Test
	void healthIsACompositeOfDefaultAndEachInstanceOnlyWhenThereAreInstances() throws Exception {
		withReporting().run((context) -> {
			assertThat(context).doesNotHaveBean(MigrationsHealthIndicator.class);
			CompositeHealthContributor migrations = context.getBean("migrationsHealthContributor",
					CompositeHealthContributor.class);
			assertThat(migrations.stream().map(HealthContributors.Entry::name)).containsExactly("default", "reporting");
		});
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl())
			.run((context) -> assertThat(context).hasSingleBean(MigrationsHealthIndicator.class)
				.doesNotHaveBean("migrationsHealthContributor"));
	}

	@Test
	void everyMeterCarriesItsInstanceAndCountsOnlyItsRuns() throws Exception {
		withReporting().run((context) -> {
			ApplicationReady.publish(context);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migrator.migrations.applied").tag("instance", "default").tag("type", "sql")
				.counter().count()).isEqualTo(2.0);
			assertThat(registry.get("migrator.migrations.applied").tag("instance", "reporting").tag("type", "sql")
				.counter().count()).isEqualTo(1.0);
			assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTag("instance"))
				.as(meter.getId().toString()).isIn("default", "reporting"));
			assertThat(registry.get("migrator.migrations.failed").tag("instance", "reporting").counter().count())
				.as("at zero from the start").isZero();
		});
	}

}
