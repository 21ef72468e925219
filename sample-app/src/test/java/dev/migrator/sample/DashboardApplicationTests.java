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
class DashboardApplicationTests {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dashboard.data-dir", () -> data.toString());
	}

	@Test
	void migratesAtStartUpAndReportsItOnTheMigrationsEndpoint() {
		Http.Response response = http().get("/actuator/migrations");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> migrations = response.json();
		assertThat(migrations).containsEntry("currentVersion", "006").containsEntry("status", "UP_TO_DATE");
		assertThat(migrations.get("pending")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
		assertThat((List<Map<String, Object>>) migrations.get("applied")).extracting("version", "type", "rollbackAvailable")
			.containsExactly(tuple("001", "SQL", true), tuple("002", "SQL", true), tuple("003", "SQL", true),
					tuple("004", "SQL", true), tuple("005", "SQL", true), tuple("006", "JAVA", true));
		assertThat(migrations.get("log")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSizeGreaterThanOrEqualTo(6);
		assertThat(migrations.get("backups")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
		assertThat(migrations).containsKeys("lock", "problems", "warnings");
	}

	@Test
	void showsOneMigration() {
		Http.Response response = http().get("/actuator/migrations/5");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("db/migration/005_add_urgent_priority.sql", "Allow 'urgent' tasks");
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
			.isEqualTo(Map.of("status", "UP_TO_DATE", "currentVersion", "006", "pending", 0));
		assertThat(http().get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void triggersKeepEachMilestonesProgress() {
		List<Map<String, Object>> before = http().get("/milestones").jsonList();
		assertThat(before).extracting("title", "totalTasks", "completedTasks", "completionPercent")
			.contains(tuple("Beta", 3, 1, 33));

		Http.Response added = http().post("/tasks", "{\"milestoneId\":1,\"title\":\"  Rotate API keys \",\"priority\":\"urgent\",\"estimateHours\":2}");
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json()).containsEntry("title", "Rotate API keys").containsEntry("priority", "urgent");
		long id = ((Number) added.json().get("id")).longValue();
		assertThat(http().post("/tasks/" + id + "/status", "{\"status\":\"done\"}").status()).isEqualTo(200);

		assertThat(http().get("/milestones").jsonList()).extracting("title", "totalTasks", "completedTasks", "completionPercent")
			.contains(tuple("Beta", 4, 2, 50));
	}

	@Test
	void openTasksComeMostPressingFirstAndTheChecksHold() {
		assertThat(http().get("/tasks/open").jsonList()).extracting("priority").startsWith("urgent", "high");
		assertThat(http().get("/projects").body()).contains("\"slug\":\"payments-api\"");
		assertThat(http().post("/tasks", "{\"milestoneId\":1,\"title\":\"x\",\"priority\":\"whenever\"}").status()).isEqualTo(400);
		assertThat(http().post("/tasks/1/status", "{\"status\":\"archived\"}").status()).isEqualTo(400);
	}

	private Http http() {
		return new Http(this.port);
	}

}
