package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** {@code verify}, {@code migrate --verify-downs} and {@code --require-down}, on a real SQLite file. */
class VerifyDownsIT {

	@TempDir
	Path directory;

	@Test
	void verifyReportsTheObjectsADownDoesNotPutBackAndChangesNothing() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001")
			.migration("004_labels.sql", "CREATE TABLE labels (id INTEGER);\nCREATE INDEX labels_id ON labels (id);\n"
					+ "-- migrate:down\nDROP TABLE labels;");
		project.migration("003_add_audit.sql", """
				CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
				CREATE TABLE audit_archive (id INTEGER);

				-- migrate:down
				DROP TABLE audit;
				""");
		String checksum = project.databaseChecksum();

		CliRun.Result text = project.cli().run("verify");
		JsonNode json = project.cli().run("verify", "--json").json();

		assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
		assertThat(text.stdout()).contains("ok       002 add tags", "DIFFERS  003 add audit",
				"- table audit_archive: left by the down (the up created it)");
		assertThat(text.stderr()).contains("The down of 003 was tried and does not restore the schema", "database was not changed");
		assertThat(json.at("/checks/0/outcome").asString()).isEqualTo("restores-schema");
		assertThat(json.at("/checks/1/outcome").asString()).isEqualTo("schema-differs");
		assertThat(json.at("/checks/1/differences/0").asString()).startsWith("table audit_archive");
		assertThat(json.at("/exitCode").asInt()).isEqualTo(1);
		assertThat(project.databaseChecksum()).isEqualTo(checksum);
	}

	@Test
	void migrateWithVerifyDownsRefusesBeforeApplyingAndRequireDownRefusesAMigrationWithoutOne() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("002")
			.migration("004_notes.sql", "CREATE TABLE notes (id INTEGER);");
		String checksum = project.databaseChecksum();

		CliRun.Result required = project.cli().run("migrate", "--require-down");
		CliRun.Result fromProperty = project.cli().env("MIGRATOR_REQUIRE_DOWN", "true").run("migrate");
		CliRun.Result checked = project.cli().run("migrate", "--verify-downs");

		assertThat(required.exitCode()).as(required.toString()).isEqualTo(1);
		assertThat(required.stdout()).contains("no down  004 notes: refused, --require-down is set");
		assertThat(required.stderr()).contains("004 has no down, which --require-down (migrator.require-down) refuses",
				"nothing was migrated");
		assertThat(fromProperty.exitCode()).isEqualTo(1);
		assertThat(checked.exitCode()).as(checked.toString()).isZero();
		assertThat(checked.stdout()).contains("ok       003 add audit", "no down  004 notes: cannot be rolled back",
				"Migrated from version 002 to 004");
		assertThat(checksum).isNotEqualTo(project.databaseChecksum());
	}

}
