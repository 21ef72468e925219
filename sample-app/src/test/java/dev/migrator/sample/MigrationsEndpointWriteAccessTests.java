package dev.migrator.sample;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Migrate and rollback over HTTP, as the admin the sample's ActuatorSecurity lets write. */
@SuppressWarnings("unchecked")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MigrationsEndpointWriteAccessTests {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dashboard.data-dir", () -> data.toString());
	}

	@Test
	void rollsBackAndMigratesAgainWithDryRunsThatChangeNothing() {
		Http http = new Http(this.port).asAdmin();
		assertThat(http.post("/tasks", "{\"milestoneId\":1,\"title\":\"keep me\"}").status()).isEqualTo(201);

		Http.Response dryRun = http.post("/actuator/migrations/rollback", "{\"steps\":1,\"dryRun\":true}");
		assertThat(dryRun.status()).isEqualTo(200);
		assertThat(dryRun.json()).containsEntry("dryRun", true).containsEntry("previousVersion", "006")
			.containsEntry("currentVersion", "005");
		assertThat(currentVersion(http)).isEqualTo("006");

		Http.Response rollback = http.post("/actuator/migrations/rollback", "{\"steps\":1}");
		assertThat(rollback.status()).isEqualTo(200);
		assertThat(rollback.json()).containsEntry("currentVersion", "005");
		assertThat((List<Map<String, Object>>) rollback.json().get("migrations")).extracting("version").containsExactly("006");

		// below 5 the downs would drop tables full of tasks: refused, nothing changed
		Http.Response refused = http.post("/actuator/migrations/rollback", "{\"target\":\"001\"}");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("dataLoss")).asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty();
		assertThat(refused.body()).contains("drops table tasks (6 rows)");
		assertThat(currentVersion(http)).isEqualTo("005");

		Http.Response migrate = http.post("/actuator/migrations/migrate", "{}");
		assertThat(migrate.status()).isEqualTo(200);
		assertThat(migrate.json()).containsEntry("currentVersion", "006");
		assertThat(http.get("/tasks/open").body()).contains("keep me");
		assertThat(http.get("/projects").body()).contains("\"slug\":\"payments-api\"");
	}

	@Test
	void answersBadRequestForARollbackWithoutStepsOrTarget() {
		Http.Response response = new Http(this.port).asAdmin().post("/actuator/migrations/rollback", "{}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").toString()).contains("either steps");
	}

	private static String currentVersion(Http http) {
		return (String) http.get("/actuator/migrations").json().get("currentVersion");
	}

}
