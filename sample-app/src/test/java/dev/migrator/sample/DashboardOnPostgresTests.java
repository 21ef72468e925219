package dev.migrator.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard with the {@code postgres} profile on a real PostgreSQL server (started from Maven
 * Central's binaries): the PostgreSQL versions of the six migrations, triggers in plpgsql included.
 */
@SuppressWarnings("unchecked")
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DashboardOnPostgresTests {

	static final EmbeddedPostgres server = start();

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("dashboard.data-dir", () -> data.toString());
		registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("migrator.backup.directory", () -> data.resolve("backups").toString());
	}

	@AfterAll
	static void stop() throws IOException {
		server.close();
	}

	@Test
	void migratesWithThePostgresScriptsAndTheTriggersKeepProgress() {
		Http http = new Http(this.port);
		Map<String, Object> migrations = http.get("/actuator/migrations").json();
		assertThat(migrations).containsEntry("currentVersion", "006").containsEntry("status", "UP_TO_DATE");
		assertThat((List<Map<String, Object>>) migrations.get("applied")).extracting("script")
			.contains("db/postgresql/003_milestone_progress_triggers.sql", "dev.migrator.sample.AddProjectSlugs");

		assertThat(http.get("/milestones").jsonList()).extracting("title", "totalTasks", "completedTasks", "completionPercent")
			.contains(tuple("Beta", 3, 1, 33));
		Http.Response added = http.post("/tasks", "{\"milestoneId\":1,\"title\":\"Rotate API keys\",\"priority\":\"urgent\"}");
		assertThat(added.status()).isEqualTo(201);
		long id = ((Number) added.json().get("id")).longValue();
		assertThat(http.post("/tasks/" + id + "/status", "{\"status\":\"done\"}").status()).isEqualTo(200);
		assertThat(http.get("/milestones").jsonList()).extracting("title", "totalTasks", "completedTasks", "completionPercent")
			.contains(tuple("Beta", 4, 2, 50));
		assertThat(http.get("/milestones").body()).contains("\"dueOn\":\"2026-12-15\"");
	}

	@Test
	void dryRunRollbackRunsTheDownsInATransactionThatIsRolledBack() {
		Http http = new Http(this.port).asAdmin();
		// refused as the real rollback would be: 005's down drops a column that holds estimates
		Http.Response refused = http.post("/actuator/migrations/rollback", "{\"target\":\"002\",\"dryRun\":true}");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("drops column tasks.estimate_hours");

		Http.Response dryRun = http.post("/actuator/migrations/rollback",
				"{\"target\":\"002\",\"dryRun\":true,\"allowDataLoss\":true}");
		assertThat(dryRun.status()).isEqualTo(200);
		assertThat(dryRun.json()).containsEntry("dryRun", true).containsEntry("currentVersion", "002");
		assertThat(http.get("/actuator/migrations").json()).containsEntry("currentVersion", "006");
		assertThat(http.get("/tasks/open").jsonList()).isNotEmpty();
	}

	private static EmbeddedPostgres start() {
		try {
			// a test server: no fsync (a crash of it loses nothing a test needs), as the plugin's postgres-build does
			return EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
		}
	}

}
