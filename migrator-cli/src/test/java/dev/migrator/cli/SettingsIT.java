package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings from options, environment variables and a properties file, in that order. */
class SettingsIT {

	@TempDir
	Path directory;

	@Test
	void aPropertiesFileCanHoldTheUrlAndLocationsAndMayBeSharedWithTheApplication() throws Exception {
		Project project = Project.withThreeMigrations(this.directory.resolve("app"));
		Path config = Files.writeString(this.directory.resolve("migrator.properties"), """
				spring.datasource.url=jdbc:sqlite:ignored.db
				migrator.url=%s
				migrator.locations=app/db/migration
				migrator.run-on=startup
				migrator.out-of-ordr=true
				""".formatted(project.url()));

		CliRun.Result pending = new CliRun(this.directory).run("pending", "--config", config.toString());

		assertThat(pending.exitCode()).as(pending.toString()).isZero();
		assertThat(pending.stdout()).contains("3 pending");
		// a key of the Spring Boot starter is the application's; a mistyped one is named with the key it resembles
		assertThat(pending.stderr()).doesNotContain("migrator.run-on")
			.containsOnlyOnce("warning: migrator.out-of-ordr in " + config + " is not a setting; did you mean migrator.out-of-order?");
	}

	@Test
	void environmentVariablesAreReadAndOptionsWinOverThem() {
		Project project = Project.withThreeMigrations(this.directory);
		Path elsewhere = this.directory.resolve("elsewhere");
		new Project(elsewhere).migration("001_only.sql", "CREATE TABLE only_one (id INTEGER);");

		CliRun.Result fromEnvironment = new CliRun(this.directory).env("MIGRATOR_URL", project.url())
			.env("MIGRATOR_LOCATIONS", "elsewhere/db/migration")
			.env("MIGRATOR_CONFIG", "missing.properties")
			.run("pending", "--config", "missing-too.properties");
		CliRun.Result optionWins = new CliRun(this.directory).env("MIGRATOR_URL", "jdbc:nosuch:x")
			.env("MIGRATOR_LOCATIONS", "elsewhere/db/migration")
			.run("pending", "--url", project.url(), "--locations", "db/migration");

		assertThat(fromEnvironment.exitCode()).as("--config is an option: it wins over MIGRATOR_CONFIG").isEqualTo(2);
		assertThat(fromEnvironment.stderr()).contains("missing-too.properties (from --config)");
		assertThat(optionWins.exitCode()).as(optionWins.toString()).isZero();
		assertThat(optionWins.stdout()).contains("3 pending");
		CliRun.Result environmentOnly = new CliRun(this.directory).env("MIGRATOR_URL", project.url())
			.env("MIGRATOR_LOCATIONS", "elsewhere/db/migration")
			.run("pending");
		assertThat(environmentOnly.stdout()).contains("1 pending").contains("001_only.sql");
	}

}
