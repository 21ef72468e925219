package dev.migrator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the endpoint's default access (read-only), no one writes, the admin included. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.migrations.access=read-only")
class SecurityReadOnlyEndpointTests {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dashboard.data-dir", () -> data.toString());
	}

	@Test
	void refusesMigrationWritesEvenToTheAdmin() {
		Http admin = new Http(this.port).asAdmin();
		assertThat(admin.post("/actuator/migrations/rollback", "{\"steps\":1}").status()).isEqualTo(405);
		assertThat(admin.post("/actuator/migrations/migrate", "{}").status()).isEqualTo(405);
		assertThat(new Http(this.port).post("/actuator/migrations/migrate", "{}").status()).isEqualTo(401);
		assertThat(admin.get("/actuator/migrations").json()).containsEntry("currentVersion", "006");
	}

}
