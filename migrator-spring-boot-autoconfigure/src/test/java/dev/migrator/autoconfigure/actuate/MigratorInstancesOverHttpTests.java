package dev.migrator.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real application with two SQLite files: the default migrator on the application's DataSource and
 * {@code migrator.instances.reporting} on its own file. Both schemas, each instance's Actuator paths,
 * the composite health and the {@code instance} tag of the meters, over real HTTP.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,migrations,metrics",
				"management.endpoint.health.show-details=always", "management.endpoint.migrations.access=unrestricted",
				"management.endpoint.migrations.roles=OPS", "migrator.run-on=startup" })
class MigratorInstancesOverHttpTests {

	@TempDir
	static Path dir;

	static SqliteFile app;

	static SqliteFile reporting;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) throws Exception {
		app = SqliteFile.in(dir);
		reporting = SqliteFile.in(Files.createDirectories(dir.resolve("reporting")));
		registry.add("spring.datasource.url", app::url);
		registry.add("migrator.instances.reporting.url", reporting::url);
	}

	@Test
	void eachInstanceMigratedItsOwnDatabaseAtStartUp() {
		assertThat(app.tables()).contains("tasks").doesNotContain("reports");
		assertThat(reporting.tables()).contains("reports").doesNotContain("tasks");
	}

	@Test
	void theDefaultKeepsItsPathsAndListsTheInstances() {
		ActuatorHttp http = new ActuatorHttp(this.port);
		assertThat(http.get("/actuator/migrations").body()).contains("\"currentVersion\":\"002\"",
				"\"instances\":[\"reporting\"]");
		ActuatorHttp.Response migration = http.get("/actuator/migrations/1");
		assertThat(migration.status()).isEqualTo(200);
		assertThat(migration.body()).contains("001_create_tasks.sql");
	}

	@Test
	void eachInstanceHasItsOwnSelector() {
		ActuatorHttp http = new ActuatorHttp(this.port);
		ActuatorHttp.Response instance = http.get("/actuator/migrations/reporting");
		assertThat(instance.status()).isEqualTo(200);
		assertThat(instance.body()).contains("\"currentVersion\":\"001\"", "\"instances\":[\"reporting\"]")
			.doesNotContain("create_tasks");
		ActuatorHttp.Response migration = http.get("/actuator/migrations/reporting/1");
		assertThat(migration.status()).isEqualTo(200);
		assertThat(migration.body()).contains("001_create_reports.sql");
	}

	@Test
	void aMistypedInstanceIsA404WithTheNearestName() {
		ActuatorHttp.Response read = new ActuatorHttp(this.port).get("/actuator/migrations/reportng");
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.body()).contains("No migrator instance 'reportng': did you mean 'reporting'?",
				"The instances: reporting");
		ActuatorHttp.Response detail = new ActuatorHttp(this.port).get("/actuator/migrations/reportng/1");
		assertThat(detail.status()).isEqualTo(404);
	}

	@Test
	void writesTargetTheChosenInstanceOnlyAndAMistypedOneChangesNothing() {
		ActuatorHttp ops = new ActuatorHttp(this.port).as("ops", SecuredTestApplication.PASSWORD);
		var appBefore = app.dump();
		var reportingBefore = reporting.dump();

		ActuatorHttp.Response mistyped = ops.post("/actuator/migrations/reportng/rollback", "{\"steps\":1}");
		assertThat(mistyped.status()).isEqualTo(404);
		assertThat(mistyped.body()).contains("did you mean 'reporting'?", "Nothing was run.");
		ActuatorHttp.Response anonymous = new ActuatorHttp(this.port).post("/actuator/migrations/reporting/rollback",
				"{\"steps\":1}");
		assertThat(anonymous.status()).isEqualTo(401);
		ActuatorHttp.Response mistypedKey = ops.post("/actuator/migrations/reporting/rollback", "{\"step\":1}");
		assertThat(mistypedKey.status()).isEqualTo(400);
		assertThat(mistypedKey.body()).contains("did you mean 'steps'?");
		assertThat(app.dump()).isEqualTo(appBefore);
		assertThat(reporting.dump()).isEqualTo(reportingBefore);

		ActuatorHttp.Response rollback = ops.post("/actuator/migrations/reporting/rollback", "{\"steps\":1}");
		assertThat(rollback.status()).isEqualTo(200);
		assertThat(reporting.tables()).doesNotContain("reports");
		assertThat(app.dump()).isEqualTo(appBefore);
		ActuatorHttp.Response migrate = ops.post("/actuator/migrations/reporting/migrate", "{}");
		assertThat(migrate.status()).isEqualTo(200);
		assertThat(reporting.tables()).contains("reports");
	}

	@Test
	void healthIsACompositeWithOneComponentPerMigrator() {
		String health = new ActuatorHttp(this.port).get("/actuator/health/migrations").body();
		assertThat(health).startsWith("{\"components\":{\"default\":")
			.contains("\"default\":{\"details\":{\"status\":\"UP_TO_DATE\",\"currentVersion\":\"002\"",
					"\"reporting\":{\"details\":{\"status\":\"UP_TO_DATE\",\"currentVersion\":\"001\"")
			.endsWith("\"status\":\"UP\"}");
		assertThat(new ActuatorHttp(this.port).get("/actuator/health/migrations/reporting").status())
			.isEqualTo(200);
	}

	@Test
	void everyMeterIsTaggedWithItsInstance() {
		ActuatorHttp http = new ActuatorHttp(this.port);
		assertThat(http.get("/actuator/metrics/migrator.migrations.applied").body())
			.contains("{\"tag\":\"instance\",\"values\":[", "\"default\"", "\"reporting\"");
		// the default is never written to by these tests: its two start-up migrations
		assertThat(http.get("/actuator/metrics/migrator.migrations.applied?tag=instance:default").body())
			.contains("\"value\":2.0");
		assertThat(http.get("/actuator/metrics/migrator.pending?tag=instance:reporting").body())
			.contains("\"value\":0.0");
		assertThat(http.get("/actuator/metrics/migrator.runs?tag=instance:reporting&tag=command:migrate&tag=outcome:success")
			.status()).isEqualTo(200);
	}

}
