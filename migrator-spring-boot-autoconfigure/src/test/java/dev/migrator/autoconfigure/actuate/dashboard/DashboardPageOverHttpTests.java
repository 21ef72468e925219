package dev.migrator.autoconfigure.actuate.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
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

/**
 * The dashboard page over real HTTP, with writes open and the Actuator guarded as docs/SPRING-BOOT.md
 * shows (GET open, POST needs OPS): the page, its assets and the endpoint's dashboard figures.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.migrations.access=unrestricted", "management.endpoint.migrations.roles=OPS" })
class DashboardPageOverHttpTests {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@BeforeAll
	static void migrations() throws IOException {
		Path migrations = Files.createDirectories(dir.resolve("db"));
		Files.writeString(migrations.resolve("001_users.sql"),
				"CREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n");
		Files.writeString(migrations.resolve("002_notes.sql"), "CREATE TABLE notes (id INTEGER);\n");
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> SqliteFile.in(dir).url());
		registry.add("migrator.locations", () -> "filesystem:" + dir.resolve("db"));
	}

	@Test
	void thePageIsServedUnderTheEndpointWithItsPathAndOpenWrites() throws Exception {
		HttpResponse<String> page = get("/actuator/migrations/dashboard");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).contains(DashboardPage.CONTENT_SECURITY_POLICY);
		assertThat(page.body()).contains("data-endpoint=\"/actuator/migrations\"", "data-writes=\"true\"",
				"src=\"/actuator/migrations/dashboard/dashboard.js\"")
			.doesNotContain("{{", "http://", "https://");
	}

	@Test
	void itsScriptAndStylesheetComeFromTheJar() throws Exception {
		HttpResponse<String> script = get("/actuator/migrations/dashboard/dashboard.js");
		HttpResponse<String> style = get("/actuator/migrations/dashboard/dashboard.css");

		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(script.body()).contains("fetch(base()", "const base = () => endpoint").doesNotContain("innerHTML", "http://", "https://");
		assertThat(style.body()).contains("prefers-color-scheme: dark");
	}

	@Test
	void thePageAddsNoWritePathAPostToItIsTheEndpointsSecurityAndThenRefused() {
		assertThat(new ActuatorHttp(this.port).post("/actuator/migrations/dashboard", "{}").status())
			.as("anonymous: the endpoint's POST rule").isEqualTo(401);
		assertThat(new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD)
			.post("/actuator/migrations/dashboard", "{}")
			.status()).as("allowed to write, but the page takes no POST").isEqualTo(405);
	}

	@Test
	void theEndpointCarriesTheDashboardsFigures() {
		String body = new ActuatorHttp(this.port).get("/actuator/migrations").body();

		assertThat(body).contains("\"dashboard\":{", "\"overview\":{\"status\":\"UP_TO_DATE\",\"currentVersion\":\"002\"",
				"\"rollbacksAvailable\":0", "\"withDown\":1", "\"rollbackPlan\":[{\"step\":1,\"version\":\"002\"",
				"\"possible\":false,\"blockedBy\":\"002\"", "\"timeline\":[");
	}

	@Test
	void anOtherPathUnderTheEndpointIsStillTheEndpoints() {
		assertThat(new ActuatorHttp(this.port).get("/actuator/migrations/001").body()).contains("\"migration\":{");
		assertThat(new ActuatorHttp(this.port).get("/actuator/migrations/dashboard.js").status()).isEqualTo(400);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
