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
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the Actuator on a port and base path of its own, the page goes with it, and not to the application's port. */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.base-path=/manage",
				"management.endpoints.web.exposure.include=migrations" })
class DashboardPageOnManagementPortTests {

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> SqliteFile.in(dir).url());
		registry.add("migrator.locations", () -> "filesystem:" + dir);
	}

	@Test
	void thePageIsOnTheManagementPortUnderItsBasePath() {
		ActuatorHttp.Response page = new ActuatorHttp(this.managementPort).get("/manage/migrations/dashboard");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("data-endpoint=\"/manage/migrations\"", "data-writes=\"false\"");
		assertThat(new ActuatorHttp(this.managementPort).get("/manage/migrations/dashboard/dashboard.js").status())
			.isEqualTo(200);
		assertThat(new ActuatorHttp(this.port).get("/manage/migrations/dashboard").status()).isNotEqualTo(200);
	}

}
