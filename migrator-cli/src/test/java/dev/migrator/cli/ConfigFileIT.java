package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * {@code --config} with a Spring Boot application's own files: spring.datasource.* for a missing
 * migrator.url, application.yml, profiles layered on top, placeholders from the environment, and
 * a warning naming the closest key for a mistyped one.
 */
class ConfigFileIT {

	@TempDir
	Path directory;

	@Test
	void readsABootApplicationPropertiesWithItsDatasourceAndWarnsOnceAboutAMistypedKey() throws IOException {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");
		Files.writeString(this.directory.resolve("application.properties"), """
				server.port=8080
				spring.datasource.url=%s
				spring.datasource.username=app
				spring.datasource.password=${DB_PASSWORD}
				migrator.lock.wait-timout=5s
				migrator.enabled=true
				migrator.backup.compress=true
				""".formatted(project.url()));

		CliRun.Result result = new CliRun(this.directory).env("DB_PASSWORD", "hunter2-secret")
			.run("--config", "application.properties", "migrate");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stderr()).containsOnlyOnce("migrator.lock.wait-timout")
			.contains("did you mean migrator.lock.wait-timeout?")
			.doesNotContain("migrator.enabled", "migrator.backup.compress", "server.port", "not a setting of the command line");
		assertThat(project.engine().info().currentVersion()).hasToString("003");
		assertThat(project.engine().backups().get(0).id()).endsWith(".gz");
		assertThat(result.output()).doesNotContain("hunter2-secret");
	}

	@Test
	void aPlaceholderNotInTheEnvironmentIsBadInputNamingIt() throws IOException {
		Project.withThreeMigrations(this.directory);
		Files.writeString(this.directory.resolve("application.properties"), "spring.datasource.url=${DB_URL}\n");

		CliRun.Result result = new CliRun(this.directory).run("--config", "application.properties", "status");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr()).contains("spring.datasource.url", "${DB_URL}", "not set in the environment");
	}

	@Test
	void readsApplicationYmlAndLayersTheProfileOnTop() throws IOException {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("002");
		Files.writeString(this.directory.resolve("application.yml"), """
				spring:
				  datasource:
				    url: jdbc:sqlite:%s
				migrator:
				  locations:
				    - db/migration
				  out-of-order: false
				""".formatted(this.directory.resolve("other.db")));
		Files.writeString(this.directory.resolve("application-prod.yml"), """
				spring:
				  datasource:
				    url: "%s"
				""".formatted(project.url()));

		JsonNode base = new CliRun(this.directory).run("--config", "application.yml", "status", "--json").json();
		CliRun.Result prod = new CliRun(this.directory).run("--config", "application.yml", "--profile", "prod", "status", "--json");
		CliRun.Result active = new CliRun(this.directory).env("SPRING_PROFILES_ACTIVE", "prod")
			.run("--config", "application.yml", "status", "--json");

		assertThat(base.at("/overview/currentVersion").asString()).isEqualTo("0");
		assertThat(prod.exitCode()).as(prod.toString()).isZero();
		assertThat(prod.json().get("database").asString()).isEqualTo(project.url());
		assertThat(prod.json().at("/overview/currentVersion").asString()).isEqualTo("002");
		assertThat(active.json().get("database").asString()).isEqualTo(project.url());
	}

	@Test
	void aProfileWithNoFileIsBadInputListingTheProfilesThere() throws IOException {
		Project.withThreeMigrations(this.directory);
		Files.writeString(this.directory.resolve("application.properties"), "migrator.url=jdbc:sqlite:app.db\n");
		Files.writeString(this.directory.resolve("application-prod.properties"), "migrator.url=jdbc:sqlite:prod.db\n");

		CliRun.Result result = new CliRun(this.directory).run("--config", "application.properties", "--profile", "prd", "status");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr()).contains("application-prd.properties", "profiles there: prod", "--profile");
	}

	@Test
	void engineSettingsHaveOptionsAndKeysAndABadValueIsBadInput() throws IOException {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");
		Files.writeString(this.directory.resolve("migrator.properties"), """
				migrator.transaction=all
				migrator.integrity-check=full
				migrator.backup.retention.count=3
				migrator.lock.lease=45s
				migrator.statement-timeout=1m
				""");

		CliRun.Result migrated = project.cli().run("--config", "migrator.properties", "--backup-compress", "--lock-mode", "auto", "migrate");
		CliRun.Result badMode = project.cli().run("--transaction", "everything", "status");
		CliRun.Result badCount = project.cli().run("--backup-keep", "many", "status");

		assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
		assertThat(migrated.stderr()).doesNotContain("warning");
		assertThat(project.engine().backups().get(0).id()).endsWith(".gz");
		assertThat(badMode.exitCode()).as(badMode.toString()).isEqualTo(2);
		assertThat(badMode.stderr()).contains("'everything' (from --transaction) is not one of per-migration, all");
		assertThat(badCount.exitCode()).isEqualTo(2);
		assertThat(badCount.stderr()).contains("'many' (from --backup-keep) is not a whole number");
	}

	@Test
	void completionPrintsTheBashScriptOfEveryCommand() {
		CliRun.Result result = new CliRun(this.directory).run("completion");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).contains("complete -F", "migrator", "rollback", "--allow-data-loss", "log", "--profile");
	}

}
