package dev.migrator.autoconfigure.actuate.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.SqliteFile;
import dev.migrator.autoconfigure.actuate.ActuatorHttp;
import dev.migrator.autoconfigure.actuate.SecuredTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code management.endpoint.migrations.dashboard.enabled=false}: no page, the endpoint unchanged. */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=migrations",
				"management.endpoint.migrations.dashboard.enabled=false" })
class DashboardPageDisabledTests {

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> SqliteFile.in(dir).url());
		registry.add("migrator.locations", () -> "filesystem:" + dir);
	}

	@Test
	void thereIsNoPageAndTheEndpointAnswersAsBefore() {
		ActuatorHttp.Response page = new ActuatorHttp(this.port).get("/actuator/migrations/dashboard");

		assertThat(page.body()).doesNotContain("<html");
		assertThat(page.status()).as("read as a version by the endpoint").isEqualTo(400);
		assertThat(new ActuatorHttp(this.port).get("/actuator/migrations").status()).isEqualTo(200);
	}

}
