package dev.migrator.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --json} on every command: exactly one JSON document on stdout, in the shape docs/CLI.md
 * documents ({@code command}, {@code exitCode}, {@code error}, then the command's fields).
 */
class JsonOutputIT {

	@TempDir
	Path directory;

	private static JsonNode ok(CliRun.Result result, String command) {
		assertThat(result.exitCode()).as(result.toString()).isZero();
		JsonNode json = result.json();
		assertThat(json.get("command").asString()).isEqualTo(command);
		assertThat(json.get("exitCode").asInt()).isZero();
		assertThat(json.get("error").isNull()).isTrue();
		return json;
	}

	private static JsonNode failed(CliRun.Result result, int exitCode, String type) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
		JsonNode json = result.json();
		assertThat(json.get("exitCode").asInt()).isEqualTo(exitCode);
		assertThat(json.at("/error/type").asString()).isEqualTo(type);
		assertThat(json.at("/error/message").asString()).isNotBlank();
		return json;
	}

	@Test
	void statusPendingAndBackups() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("002");

		JsonNode status = ok(project.cli().run("status", "--json"), "status");
		JsonNode pending = ok(project.cli().run("pending", "--json"), "pending");
		JsonNode backups = ok(project.cli().run("--json", "backups"), "backups");

		assertThat(status.get("database").asString()).isEqualTo(project.url());
		JsonNode overview = status.get("overview");
		assertThat(overview.get("status").asString()).isEqualTo("pending");
		assertThat(overview.get("currentVersion").asString()).isEqualTo("002");
		assertThat(overview.get("applied").asInt()).isEqualTo(2);
		assertThat(overview.get("pending").asInt()).isEqualTo(1);
		assertThat(overview.get("rollbacksAvailable").asInt()).isEqualTo(2);
		assertThat(overview.get("convention").asString()).isEqualTo("migrator");
		assertThat(overview.get("successRate").asDouble()).isEqualTo(1.0);
		assertThat(overview.get("averageDurationMs").isIntegralNumber()).isTrue();
		JsonNode first = status.get("migrations").get(0);
		assertThat(first.get("version").asString()).isEqualTo("001");
		assertThat(first.get("state").asString()).isEqualTo("applied");
		assertThat(first.get("type").asString()).isEqualTo("sql");
		assertThat(first.get("appliedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(first.at("/dataLoss/effects/0").asString()).isEqualTo("drops table tasks (1 row)");
		assertThat(first.at("/dataLoss/rows").asLong()).isEqualTo(1);
		assertThat(status.get("migrations").get(2).get("state").asString()).isEqualTo("pending");
		assertThat(status.get("migrations").get(2).get("appliedAt").isNull()).isTrue();
		assertThat(status.at("/statistics/totalMs").isIntegralNumber()).isTrue();
		assertThat(status.at("/rollbacks/0/version").asString()).isEqualTo("002");
		assertThat(status.at("/rollbacks/0/to").asString()).isEqualTo("001");
		assertThat(status.at("/rollbacks/1/dataLoss/losesData").asBoolean()).isTrue();
		assertThat(status.at("/lock/held").asBoolean()).isFalse();
		assertThat(status.get("problems").isArray()).isTrue();

		assertThat(pending.get("currentVersion").asString()).isEqualTo("002");
		assertThat(pending.at("/pending/0/version").asString()).isEqualTo("003");
		assertThat(pending.at("/pending/0/script").asString()).endsWith("003_add_audit.sql");

		JsonNode backup = backups.get("backups").get(0);
		assertThat(backup.get("id").asString()).matches("app_\\d{8}_\\d{6}_v0\\.db");
		assertThat(backup.get("version").asString()).isEqualTo("0");
		assertThat(backup.get("sizeBytes").asLong()).isPositive();
		assertThat(backup.get("verified").asBoolean()).isTrue();
		assertThat(backup.get("checksum").asString()).hasSize(64);
	}

	@Test
	void migrateDryRunMigrateAndRollback() throws Exception {
		Project project = Project.withThreeMigrations(this.directory);
		// an empty database: a dry run reads only, and refuses a file that is not there at all
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(project.url())) {
			assertThat(connection.isValid(1)).isTrue();
		}

		JsonNode dryRun = ok(project.cli().run("migrate", "--dry-run", "--json"), "migrate");
		JsonNode migrate = ok(project.cli().run("migrate", "--json"), "migrate");
		JsonNode refused = failed(project.cli().run("rollback", "--json"), 4, "data_loss_refused");
		JsonNode rollback = ok(project.cli().run("rollback", "--allow-data-loss", "--json"), "rollback");

		assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
		assertThat(dryRun.get("backup").isNull()).isTrue();
		assertThat(dryRun.get("migrations")).hasSize(3);
		assertThat(migrate.get("dryRun").asBoolean()).isFalse();
		assertThat(migrate.get("previousVersion").asString()).isEqualTo("0");
		assertThat(migrate.get("currentVersion").asString()).isEqualTo("003");
		assertThat(migrate.at("/migrations/2/description").asString()).isEqualTo("add audit");
		assertThat(migrate.at("/migrations/2/durationMs").isIntegralNumber()).isTrue();
		assertThat(migrate.get("failure").isNull()).isTrue();
		assertThat(migrate.at("/backup/verified").asBoolean()).isTrue();
		assertThat(migrate.get("warnings").isArray()).isTrue();
		assertThat(refused.get("command").asString()).isEqualTo("rollback");
		assertThat(refused.at("/error/dataLoss/0/effects/0").asString()).isEqualTo("drops table audit (2 rows)");
		assertThat(rollback.get("currentVersion").asString()).isEqualTo("002");
		assertThat(rollback.at("/dataLoss/0/rows").asLong()).isEqualTo(2);
	}

	@Test
	void failuresCarryTheirDetails() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003")
			.migration("004_broken.sql", "SELECT 1;\nINSERT INTO missing_table VALUES (1);\n");

		JsonNode dryRun = failed(project.cli().run("migrate", "--dry-run", "--json"), 1, "failed");
		JsonNode migrate = failed(project.cli().run("migrate", "--json"), 1, "failed");
		project.migration("001_create_tasks.sql", "-- create tasks, edited\n" + Project.CREATE_TASKS);
		JsonNode validate = failed(project.cli().run("validate", "--json"), 5, "validation_failed");
		JsonNode usage = failed(project.cli().run("--json", "migrat"), 2, "bad_input");

		assertThat(dryRun.at("/failure/line").asInt()).isEqualTo(2);
		assertThat(dryRun.at("/error/failure/script").asString()).endsWith("004_broken.sql");
		assertThat(migrate.at("/error/failure/version").asString()).isEqualTo("004");
		assertThat(migrate.at("/error/failure/line").asInt()).isEqualTo(2);
		assertThat(validate.at("/error/problems").toString()).contains("001_create_tasks.sql");
		assertThat(usage.get("command").isNull()).isTrue();
	}

	@Test
	void validateRepairBaselineRestoreAndCreate() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001").migratedTo("002");
		String backupId = project.engine().backups().get(0).id();

		JsonNode validate = ok(project.cli().run("validate", "--json"), "validate");
		JsonNode repair = ok(project.cli().run("repair", "--json"), "repair");
		JsonNode restore = ok(project.cli().run("restore", backupId, "--json"), "restore");
		JsonNode create = ok(project.cli().run("create", "add_priority", "--json"), "create");
		Project fresh = new Project(this.directory.resolve("fresh")).migration("001_a.sql", "CREATE TABLE a (id INTEGER);");
		JsonNode baseline = ok(fresh.cli().run("baseline", "--version", "1", "--json"), "baseline");

		assertThat(validate.get("valid").asBoolean()).isTrue();
		assertThat(validate.get("migrationsChecked").asInt()).isEqualTo(3);
		assertThat(repair.get("removedFailed").isArray()).isTrue();
		assertThat(repair.get("realigned").isEmpty()).isTrue();
		assertThat(restore.at("/restored/id").asString()).isEqualTo(backupId);
		assertThat(restore.at("/safetyBackup/version").asString()).isEqualTo("002");
		assertThat(restore.get("currentVersion").asString()).isEqualTo("001");
		assertThat(restore.get("warnings").isArray()).isTrue();
		assertThat(restore.get("warnings").isEmpty()).isTrue();
		assertThat(create.get("version").asString()).isEqualTo("004");
		assertThat(create.get("description").asString()).isEqualTo("add priority");
		assertThat(create.get("files")).hasSize(3);
		assertThat(baseline.get("currentVersion").asString()).isEqualTo("1");
		assertThat(baseline.at("/migrations/0/type").asString()).isEqualTo("baseline");
	}

}
