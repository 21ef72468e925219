package dev.migrator.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What GET /actuator/migrations and /actuator/health show without credentials, over real HTTP, after
 * a migration failed with a database message that quotes a customer's e-mail: no error text, no
 * path, no user name to anonymous callers (nor to an authenticated one without the role); all of it
 * to a caller with the role.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.health.show-details=always", "management.endpoint.migrations.roles=OPS",
				"migrator.on-failure=continue" })
class MigrationsDetailsOverHttpTests {

	private static final String EMAIL = "ann.customer@example.com";

	@TempDir
	static Path dir;

	static Path migrations;

	@LocalServerPort
	int port;

	@BeforeAll
	static void migrations() throws IOException {
		migrations = Files.createDirectories(dir.resolve("private-scripts"));
		Files.writeString(migrations.resolve("001_customers.sql"), """
				CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT);
				CREATE TRIGGER one_ann BEFORE INSERT ON customers
				WHEN (SELECT count(*) FROM customers) > 0
				BEGIN SELECT RAISE(ABORT, 'duplicate customer %s'); END;
				INSERT INTO customers (email) VALUES ('%s');
				""".formatted(EMAIL, EMAIL));
		Files.writeString(migrations.resolve("002_again.sql"), "INSERT INTO customers (email) VALUES ('x');\n");
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> SqliteFile.in(dir).url());
		registry.add("migrator.locations", () -> "filesystem:" + migrations);
	}

	@Test
	void anonymousCallersSeeNoErrorTextPathOrUserName() {
		ActuatorHttp.Response migrations = new ActuatorHttp(this.port).get("/actuator/migrations");

		assertThat(migrations.status()).isEqualTo(200);
		assertThat(migrations.body()).contains("\"status\":\"FAILED\"", "\"script\":\"001_customers.sql\"",
				"run failed at", "in migration 002")
			.doesNotContain(EMAIL, dir.toString(), "private-scripts", "\"appliedBy\":\"", "\"performedBy\":\"",
					"\"host\":\"");
	}

	@Test
	void anAuthenticatedCallerWithoutTheRoleSeesNoMore() {
		ActuatorHttp.Response migrations = new ActuatorHttp(this.port).as("guest", SecuredTestApplication.PASSWORD)
			.get("/actuator/migrations");

		assertThat(migrations.status()).isEqualTo(200);
		assertThat(migrations.body()).doesNotContain(EMAIL, dir.toString(), "\"appliedBy\":\"");
	}

	@Test
	void aCallerWithTheRoleSeesTheErrorThePathAndWhoAppliedIt() {
		ActuatorHttp.Response migrations = new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD)
			.get("/actuator/migrations");

		assertThat(migrations.status()).isEqualTo(200);
		assertThat(migrations.body()).contains(EMAIL, dir.toString(), "\"appliedBy\":\"");
	}

	@Test
	void oneMigrationIsRedactedTheSameWay() {
		assertThat(new ActuatorHttp(this.port).get("/actuator/migrations/002").body()).doesNotContain(EMAIL,
				dir.toString());
		assertThat(new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD)
			.get("/actuator/migrations/002")
			.body()).contains(dir.toString());
	}

	@Test
	void healthSaysDownAndWhyWithoutTheErrorTextOrPathEvenWithShowDetailsAlways() {
		for (ActuatorHttp http : new ActuatorHttp[] { new ActuatorHttp(this.port),
				new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD) }) {
			ActuatorHttp.Response health = http.get("/actuator/health");

			assertThat(health.status()).isEqualTo(503);
			assertThat(health.body()).contains("\"migrations\"", "\"status\":\"DOWN\"", "in migration 002")
				.doesNotContain(EMAIL, dir.toString(), "private-scripts");
		}
	}

}
