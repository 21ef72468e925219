package dev.migrator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database password, in the DataSource's URL and beside it, appears in nothing the app says:
 * not in its log from start-up on (captured whole), not in any Actuator answer, successful or not,
 * and not in the report of a start-up that fails to connect.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecretMaskingTests {

	private static final String SECRET = "s3cret-XYZ";

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataSourceWithAPassword(DynamicPropertyRegistry registry) {
		registry.add("dashboard.data-dir", () -> data.toString());
		// SQLite ignores the password, so it travels everywhere a real one would
		registry.add("spring.datasource.url",
				() -> "jdbc:sqlite:" + data.resolve("dashboard.db") + "?foreign_keys=true&password=" + SECRET);
		registry.add("spring.datasource.username", () -> "app");
		registry.add("spring.datasource.password", () -> SECRET);
	}

	@Test
	void noActuatorAnswerAndNoLogLineHoldsThePassword(CapturedOutput output) {
		Http anonymous = new Http(this.port);
		Http admin = anonymous.asAdmin();
		List<Http.Response> answers = new ArrayList<>();
		answers.add(anonymous.get("/actuator/migrations"));
		answers.add(anonymous.get("/actuator/migrations/5"));
		answers.add(anonymous.get("/actuator/health"));
		answers.add(anonymous.get("/actuator/health/migrations"));
		answers.add(admin.post("/actuator/migrations/rollback", "{\"steps\":1,\"dryRun\":true}"));
		answers.add(admin.post("/actuator/migrations/rollback", "{\"target\":\"001\"}")); // 409, refused
		answers.add(admin.post("/actuator/migrations/rollback", "{}")); // 400
		answers.add(admin.post("/actuator/migrations/rollback", "{\"steps\":1}"));
		answers.add(admin.post("/actuator/migrations/migrate", "{}"));
		answers.add(admin.post("/actuator/migrations/repair", "{}"));
		answers.add(anonymous.get("/actuator/migrations"));

		assertThat(answers).extracting(Http.Response::status).contains(200, 409, 400);
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.body()).doesNotContain(SECRET));
		assertThat(output.getAll()).contains("Started SecretMaskingTests").doesNotContain(SECRET);
	}

	@Test
	void aStartUpThatCannotConnectDoesNotShowThePassword() throws Exception {
		Path dir = Files.createDirectories(data.resolve("failing"));
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Path log = dir.resolve("output.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), DashboardApplication.class.getName(), "--server.port=0",
				"--dashboard.data-dir=" + dir, "--migrator.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=bob&password=" + SECRET,
				"--migrator.user=bob", "--migrator.password=" + SECRET)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean exited = process.waitFor(2, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly();
		}
		assertThat(exited).as("the process ended by itself").isTrue();
		String everything = Files.readString(log);
		assertThat(process.exitValue()).as(everything).isEqualTo(1);
		assertThat(everything).contains("APPLICATION FAILED TO START", "Could not connect to the database")
			.doesNotContain(SECRET);
	}

}
