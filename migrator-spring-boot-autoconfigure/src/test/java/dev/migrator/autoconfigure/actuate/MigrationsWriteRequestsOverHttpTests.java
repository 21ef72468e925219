package dev.migrator.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Write requests over real HTTP that must be refused, not guessed: a misspelled key (which Actuator
 * alone would drop, turning a dry run into a real rollback) and a target that is not a version. The
 * database is compared before and after each.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.migrations.access=unrestricted" })
class MigrationsWriteRequestsOverHttpTests {

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> SqliteFile.in(dir).url());
	}

	private ActuatorHttp ops() {
		return new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dry_run", "dryrun", "dry-run", "DryRun", "dryRUN" })
	void aMisspelledDryRunIsRefusedAndRollsNothingBack(String key) {
		List<String> before = SqliteFile.in(dir).dump();

		ActuatorHttp.Response response = ops().post("/actuator/migrations/rollback",
				"{\"steps\":1,\"" + key + "\":true}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown key '" + key + "': did you mean 'dryRun'?",
				"steps, target, dryRun, allowDataLoss, allowEmptyDown");
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/migrations/migrate", "/actuator/migrations/repair",
			"/actuator/migrations/rollback" })
	void anUnknownKeyIsRefusedByEveryWrite(String path) {
		List<String> before = SqliteFile.in(dir).dump();

		ActuatorHttp.Response response = ops().post(path, "{\"steps\":1,\"allow_data_loss\":true,\"force\":1}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown key 'allow_data_loss': did you mean 'allowDataLoss'?",
				"Unknown key 'force'");
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

	@Test
	void anUnknownQueryParameterIsRefusedToo() {
		List<String> before = SqliteFile.in(dir).dump();

		assertThat(ops().post("/actuator/migrations/rollback?dry_run=true", "{\"steps\":1}").status()).isEqualTo(400);
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

	@Test
	void theRightSpellingIsADryRunThatChangesNothing() {
		List<String> before = SqliteFile.in(dir).dump();

		ActuatorHttp.Response response = ops().post("/actuator/migrations/rollback", "{\"steps\":1,\"dryRun\":true}");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"dryRun\":true", "\"currentVersion\":\"001\"");
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "latest", "v2", "1..2", "-1", "" })
	void aTargetThatIsNotAVersionIsABadRequestNamingIt(String target) {
		List<String> before = SqliteFile.in(dir).dump();

		ActuatorHttp.Response response = ops().post("/actuator/migrations/rollback", "{\"target\":\"" + target + "\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("target '" + target + "' is not a version");
		assertThat(SqliteFile.in(dir).dump()).isEqualTo(before);
	}

}
