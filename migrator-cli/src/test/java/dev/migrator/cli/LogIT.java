package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.MigrationFailedException;
import tools.jackson.databind.JsonNode;

/**
 * {@code log} shows the attempt log; status and validate show the last error of a failed migration
 * instead of pointing at the log table; engine messages speak in command-line words; a dry run with
 * nothing to do says it was a dry run.
 */
class LogIT {

	@TempDir
	Path directory;

	/** 004 failed in its transaction (set up through the engine: what the log shows of it is under test, not the run). */
	private Project failedAt004() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003")
			.migration("004_broken.sql", "INSERT INTO no_such_table VALUES (1);");
		assertThatThrownBy(() -> project.engine().migrate()).isInstanceOf(MigrationFailedException.class);
		return project;
	}

	@Test
	void logShowsEveryAttemptAndFiltersByVersionAndFailure() {
		Project project = failedAt004();

		JsonNode all = project.cli().run("log", "--json").json();
		JsonNode failed = project.cli().run("log", "--failed", "--json").json();
		JsonNode one = project.cli().run("log", "--version", "2", "--limit", "1", "--json").json();
		CliRun.Result text = project.cli().run("log", "--failed");

		assertThat(all.get("entries")).hasSize(4);
		assertThat(all.at("/entries/0/action").asString()).isEqualTo("migrate");
		assertThat(all.at("/entries/0/version").asString()).isEqualTo("004");
		assertThat(all.at("/entries/0/success").asBoolean()).isFalse();
		assertThat(all.at("/entries/0/error").asString()).contains("no such table: no_such_table");
		assertThat(all.at("/entries/0/performedAt").asString()).endsWith("Z");
		assertThat(all.at("/entries/1/success").asBoolean()).isTrue();
		assertThat(all.at("/entries/1/durationMs").isIntegralNumber()).isTrue();
		assertThat(failed.get("entries")).hasSize(1);
		assertThat(one.get("entries")).hasSize(1);
		assertThat(one.at("/entries/0/version").asString()).isEqualTo("002");
		assertThat(text.exitCode()).isZero();
		assertThat(text.stdout()).contains("WHEN", "ACTION", "FAILED", "004", "no such table: no_such_table")
			.doesNotContain(" 003 ");
	}

	@Test
	void logRefusesALimitBelowOneAndAMalformedVersion() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");

		CliRun.Result zero = project.cli().run("log", "--limit", "0");
		CliRun.Result version = project.cli().run("log", "--version", "not-a-version");
		CliRun.Result none = project.cli().run("log", "--failed");

		assertThat(zero.exitCode()).isEqualTo(2);
		assertThat(zero.stderr()).contains("--limit 0: give 1 or more");
		assertThat(version.exitCode()).isEqualTo(2);
		assertThat(version.stderr()).contains("--version");
		assertThat(none.exitCode()).isZero();
		assertThat(none.stdout()).contains("No failed entries in the log.");
	}

	/**
	 * 004 ran outside a transaction with no backup to restore: its first statement stayed, so it is
	 * recorded failed (set up through the engine, without a backup as {@code --no-backup} runs it).
	 */
	private Project leftChangesAt004() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003")
			.migration("004_broken.sql", "-- migrator:no-transaction\nCREATE TABLE half (id INTEGER);\n"
					+ "INSERT INTO no_such_table VALUES (1);");
		Migrator withoutBackup = Migrator.configure()
			.url(project.url())
			.locations("filesystem:" + project.migrations())
			.backupEnabled(false)
			.load();
		assertThatThrownBy(withoutBackup::migrate).isInstanceOf(MigrationFailedException.class);
		return project;
	}

	@Test
	void aFailureThatLeftNothingShowsItsErrorInStatusAsRetriedAndBlocksNothing() {
		Project project = failedAt004();

		CliRun.Result status = project.cli().run("status");
		JsonNode statusJson = project.cli().run("status", "--json").json();

		assertThat(status.stdout()).contains("Last error of migration 004", "'migrator migrate' runs it again",
				"no such table: no_such_table");
		assertThat(statusJson.at("/failures/0/version").asString()).isEqualTo("004");
		assertThat(statusJson.at("/failures/0/state").asString()).isEqualTo("pending");
		assertThat(project.cli().run("validate").exitCode()).isZero();
	}

	@Test
	void statusAndValidateShowTheLastErrorOfAFailedMigration() {
		Project project = leftChangesAt004();

		CliRun.Result status = project.cli().run("status");
		JsonNode statusJson = project.cli().run("status", "--json").json();
		CliRun.Result validate = project.cli().run("validate");
		CliRun.Result validateJson = project.cli().run("validate", "--json");

		assertThat(status.stdout()).contains("Last error of migration 004", "no such table: no_such_table");
		assertThat(statusJson.at("/failures/0/version").asString()).isEqualTo("004");
		assertThat(statusJson.at("/failures/0/state").asString()).isEqualTo("failed");
		assertThat(statusJson.at("/failures/0/error").asString()).contains("no such table: no_such_table");
		assertThat(validate.exitCode()).isEqualTo(5);
		assertThat(validate.stderr()).contains("last error of migration 004:", "no such table: no_such_table")
			.doesNotContain("repair()");
		assertThat(validateJson.exitCode()).isEqualTo(5);
		assertThat(validateJson.json().at("/error/failures/0/error").asString()).contains("no such table: no_such_table");
	}

	@Test
	void aValidStatusHasNoFailures() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");

		JsonNode status = project.cli().run("status", "--json").json();

		assertThat(status.get("failures")).isEmpty();
	}

	@Test
	void migrateBelowTheCurrentVersionOffersTheRollbackCommand() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003");

		CliRun.Result result = project.cli().run("migrate", "--target", "001");
		JsonNode json = project.cli().run("migrate", "--target", "001", "--json").json();

		assertThat(result.exitCode()).isEqualTo(5);
		assertThat(result.stderr()).contains("use 'migrator rollback --to 001'").doesNotContain("rollbackTo");
		assertThat(json.at("/error/problems/0").asString()).contains("'migrator rollback --to 001'");
	}

	@Test
	void aDryRunWithNothingPendingSaysItWasADryRun() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003");

		JsonNode dry = project.cli().run("migrate", "--dry-run", "--json").json();
		JsonNode real = project.cli().run("migrate", "--json").json();

		assertThat(dry.get("dryRun").asBoolean()).isTrue();
		assertThat(dry.get("migrations")).isEmpty();
		assertThat(real.get("dryRun").asBoolean()).isFalse();
	}

}
