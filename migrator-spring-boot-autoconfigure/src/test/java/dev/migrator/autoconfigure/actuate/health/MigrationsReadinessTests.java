package dev.migrator.autoconfigure.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The migrations contributor in the readiness group, with every auto-configuration Boot applies. */
class MigrationsReadinessTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(App.class)
		.withPropertyValues("management.endpoints.web.exposure.include=health");

	@TempDir
	Path dir;

	@Test
	void joinsTheReadinessGroupWhenTheProbesAreEnabled() {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoint.health.probes.enabled=true")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("migrations")).isTrue();
				assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
				assertThat(groups.get("liveness").isMember("migrations")).isFalse();
				assertThat(groups.getPrimary().isMember("migrations")).isTrue();
			});
	}

	@Test
	void staysOutWhenAskedTo() {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoint.health.probes.enabled=true",
					"management.health.migrations.readiness=false")
			.run((context) -> assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("migrations"))
				.isFalse());
	}

	@Test
	void makesNoReadinessGroupWhenTheProbesAreOff() {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoint.health.probes.enabled=false")
			.run((context) -> assertThat(context.getBean(HealthEndpointGroups.class).get("readiness")).isNull());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
