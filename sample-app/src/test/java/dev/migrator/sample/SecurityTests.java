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

/**
 * The sample app as shipped, over real HTTP: the migrations endpoint's writes are open but need
 * the admin; everything the README reads stays open to anyone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityTests {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dashboard.data-dir", () -> data.toString());
	}

	@Test
	void anonymousWritesAreUnauthorizedAndChangeNothing() {
		Http anonymous = new Http(this.port);
		String before = currentVersion(anonymous);
		assertThat(anonymous.post("/actuator/migrations/rollback", "{\"steps\":1}").status()).isEqualTo(401);
		assertThat(anonymous.post("/actuator/migrations/migrate", "{}").status()).isEqualTo(401);
		assertThat(anonymous.post("/actuator/migrations/repair", "{}").status()).isEqualTo(401);
		assertThat(anonymous.as("admin", "wrong-password").post("/actuator/migrations/rollback", "{\"steps\":1}").status())
			.isEqualTo(401);
		assertThat(currentVersion(anonymous)).isEqualTo(before);
	}

	@Test
	void theViewerMayReadButNotWrite() {
		Http viewer = new Http(this.port).as("viewer", Http.VIEWER_PASSWORD);
		String before = currentVersion(viewer);
		assertThat(viewer.post("/actuator/migrations/rollback", "{\"steps\":1}").status()).isEqualTo(403);
		assertThat(viewer.post("/actuator/migrations/migrate", "{}").status()).isEqualTo(403);
		assertThat(viewer.get("/actuator/migrations").status()).isEqualTo(200);
		assertThat(currentVersion(viewer)).isEqualTo(before);
	}

	@Test
	void theAdminRollsBackAndMigrates() {
		Http admin = new Http(this.port).asAdmin();
		Http.Response rollback = admin.post("/actuator/migrations/rollback", "{\"steps\":1}");
		assertThat(rollback.status()).isEqualTo(200);
		assertThat(rollback.json()).containsEntry("previousVersion", "006").containsEntry("currentVersion", "005");
		assertThat(currentVersion(new Http(this.port))).isEqualTo("005");

		Http.Response migrate = admin.post("/actuator/migrations/migrate", "{}");
		assertThat(migrate.status()).isEqualTo(200);
		assertThat(migrate.json()).containsEntry("currentVersion", "006");
		assertThat(currentVersion(new Http(this.port))).isEqualTo("006");
	}

	@Test
	void whatTheReadmeReadsNeedsNoCredentials() {
		Http anonymous = new Http(this.port);
		assertThat(anonymous.get("/milestones").status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/migrations").status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/migrations/3").status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health/migrations").body()).contains("\"status\":\"UP\"");
		assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
		// the dashboard's own writes are outside the Actuator's chain, as before
		assertThat(anonymous.post("/tasks", "{\"milestoneId\":1,\"title\":\"no login needed\"}").status()).isEqualTo(201);
	}

	@Test
	void encodedPathsThroughTheEndpointReachNothing() {
		Http admin = new Http(this.port).asAdmin();
		for (String selector : new String[] {"..%2F..%2Fdashboard.db", "%2e%2e%2fbackups", "..%252F..%252Fetc%252Fpasswd",
				"%2Fetc%2Fpasswd"}) {
			Http.Response read = new Http(this.port).get("/actuator/migrations/" + selector);
			assertThat(read.status()).as(selector).isBetween(400, 499);
			assertThat(read.body()).as(selector).doesNotContain("root:", "SQLite format");
			Http.Response write = admin.post("/actuator/migrations/" + selector, "{}");
			assertThat(write.status()).as(selector).isBetween(400, 499);
		}
		assertThat(currentVersion(new Http(this.port))).isEqualTo("006");
	}

	private static String currentVersion(Http http) {
		return (String) http.get("/actuator/migrations").json().get("currentVersion");
	}

}
