package dev.migrator.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample app end to end: a real server, a real SQLite file, real HTTP, default settings. */
@SuppressWarnings("unchecked")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TasksApplicationTests {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("tasks.data-dir", () -> data.toString());
	}

	@Test
	void migratesAtStartUpAndReportsItOnTheMigrationsEndpoint() {
		Http.Response response = http().get("/actuator/migrations");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> migrations = response.json();
		assertThat(migrations).containsEntry("currentVersion", "4").containsEntry("status", "UP_TO_DATE");
		assertThat(migrations.get("pending")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
		assertThat((List<Map<String, Object>>) migrations.get("applied")).extracting("version", "state", "rollbackAvailable")
			.containsExactly(tuple("001", "APPLIED", true),
					tuple("002", "APPLIED", true),
					tuple("003", "APPLIED", true),
					tuple("4", "APPLIED", true));
		assertThat(migrations.get("log")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSizeGreaterThanOrEqualTo(4);
		assertThat(migrations).containsKeys("lock", "backups", "problems", "warnings");
	}

	@Test
	void showsOneMigration() {
		Http.Response response = http().get("/actuator/migrations/3");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("db/migration/003_require_task_priority.sql");
		assertThat(http().get("/actuator/migrations/99").status()).isEqualTo(404);
	}

	@Test
	void healthIsUpWithTheMigrationsDetailsAndTheAppIsReady() {
		Http.Response health = http().get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		Map<String, Object> migrations = (Map<String, Object>) ((Map<String, Object>) health.json().get("components"))
			.get("migrations");
		assertThat(migrations).containsEntry("status", "UP")
			.extractingByKey("details")
			.isEqualTo(Map.of("status", "UP_TO_DATE", "currentVersion", "4", "pending", 0));
		assertThat(http().get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void refusesMigrationWritesByDefault() {
		Http.Response rollback = http().post("/actuator/migrations/rollback", "{\"steps\":1}");
		assertThat(rollback.status()).isEqualTo(405);
		assertThat(http().post("/actuator/migrations/migrate", "{}").status()).isEqualTo(405);
		assertThat(http().get("/actuator/migrations").json()).containsEntry("currentVersion", "4");
	}

	@Test
	void keepsTasksInTheMigratedSchema() {
		Http.Response added = http().post("/tasks", "{\"title\":\"  water the plants \",\"priority\":\"high\"}");
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json()).containsEntry("title", "water the plants").containsEntry("priority", "high");
		assertThat(http().post("/tasks", "{\"title\":\"x\",\"priority\":\"urgent\"}").status()).isEqualTo(400);
		assertThat(http().get("/tasks").body()).contains("water the plants");
	}

	private Http http() {
		return new Http(this.port);
	}

}
