package dev.migrator.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /actuator/migrations/restore} over real HTTP, guarded as the other writes are: refused
 * to an anonymous caller and to one without role OPS, with the database unchanged; done for "ops".
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.migrations.access=unrestricted" })
class MigrationsRestoreOverHttpTests {

	private static final Pattern FIRST_BACKUP_OF_VERSION_0 = Pattern.compile("\"backups\":\\[.*?\"id\":\"([^\"]+_v0\\.db)\"");

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> SqliteFile.in(dir).url());
	}

	/** The backup the start-up migrate took of the empty database. */
	private String backupOfTheEmptyDatabase() {
		Matcher matcher = FIRST_BACKUP_OF_VERSION_0.matcher(new ActuatorHttp(this.port).get("/actuator/migrations").body());
		assertThat(matcher.find()).as("the start-up migrate took a backup of version 0").isTrue();
		return matcher.group(1);
	}

	@Test
	void anAnonymousCallerIsRefusedAndNothingIsRestored() {
		List<String> before = SqliteFile.in(dir).dump();

		ActuatorHttp.Response response = new ActuatorHttp(this.port).post("/actuator/migrations/restore",
				"{\"target\":\"" + backupOfTheEmptyDatabase() + "\"}");

		assertThat(response.status()).isEqualTo(401);
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

	@Test
	void aCallerWithoutTheRoleIsRefusedAndNothingIsRestored() {
		List<String> before = SqliteFile.in(dir).dump();

		ActuatorHttp.Response response = new ActuatorHttp(this.port).as("guest", SecuredTestApplication.PASSWORD)
			.post("/actuator/migrations/restore", "{\"target\":\"" + backupOfTheEmptyDatabase() + "\"}");

		assertThat(response.status()).isEqualTo(403);
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

	@Test
	void aMisspelledTargetIsRefusedByTheKeyCheck() {
		List<String> before = SqliteFile.in(dir).dump();

		ActuatorHttp.Response response = new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD)
			.post("/actuator/migrations/restore", "{\"id\":\"" + backupOfTheEmptyDatabase() + "\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown key 'id'", "target");
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

	@Test
	void theRoleRestoresAndTheAnswerNamesTheSafetyBackup() {
		String id = backupOfTheEmptyDatabase();
		assertThat(SqliteFile.in(dir).tables()).contains("tasks");

		ActuatorHttp.Response response = new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD)
			.post("/actuator/migrations/restore", "{\"target\":\"" + id + "\"}");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"command\":\"restore\"", "\"restored\":{\"id\":\"" + id + "\"",
				"\"safetyBackup\":{\"id\":\"", "\"currentVersion\":\"0\"", "\"warnings\":[]");
		assertThat(SqliteFile.in(dir).tables()).doesNotContain("tasks");
	}

}
