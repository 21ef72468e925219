package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.MigrationRunner.MigrationStartupException;
import dev.migrator.autoconfigure.actuate.health.MigrationsHealthIndicator;
import dev.migrator.core.Migrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code migrator.mode}: migrate, validate, migrate-and-exit, off. */
@ExtendWith(OutputCaptureExtension.class)
class MigrationModeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withUserConfiguration(App.class);

	@TempDir
	Path dir;

	private SqliteFile db;

	private Path migrations;

	private ApplicationContextRunner app(String... properties) throws IOException {
		this.db = SqliteFile.in(this.dir);
		this.migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(this.migrations.resolve("001_create_tasks.sql"), "CREATE TABLE tasks (id INTEGER PRIMARY KEY);\n");
		Files.writeString(this.migrations.resolve("002_add_title.sql"), "ALTER TABLE tasks ADD COLUMN title TEXT;\n");
		return this.contextRunner.withPropertyValues(this.db.dataSourceUrl(), "migrator.locations=filesystem:" + this.migrations,
				"migrator.run-on=startup")
			.withPropertyValues(properties);
	}

	private void migrateBehindTheApplicationsBack() {
		Migrator.configure().url(this.db.url()).locations("filesystem:" + this.migrations).load().migrate();
	}

	@Test
	void offRunsNothingAtStartUpAndKeepsTheMigrator(CapturedOutput output) throws IOException {
		app("migrator.mode=off").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Migrator.class);
			ApplicationReady.publish(context);
			assertThat(this.db.tables()).doesNotContain("tasks", "schema_migrations");
		});
		assertThat(output).contains("Migrations do not run at start-up (migrator.mode=off)");
	}

	@Test
	void validateOnACurrentSchemaStartsAndChangesNothing(CapturedOutput output) throws IOException {
		ApplicationContextRunner runner = app("migrator.mode=validate");
		migrateBehindTheApplicationsBack();
		List<String> before = this.db.dump();
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.db.dump()).isEqualTo(before);
		});
		assertThat(output).contains("The schema is current at version 002 (migrator.mode=validate)");
	}

	@Test
	void validateWithMigrationsPendingFailsStartUpAndChangesNothing() throws IOException {
		app("migrator.mode=validate").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).cause()
				.isInstanceOf(MigrationStartupException.class)
				.hasCauseInstanceOf(SchemaNotCurrentException.class)
				.hasMessageContaining("2 pending (001, 002)");
			FailureAnalysis analysis = new MigrationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("migrator.mode=migrate-and-exit", "migrator.on-failure=continue");
			assertThat(this.db.tables()).doesNotContain("tasks");
		});
	}

	// The script written the other way: an applied migration changed since. validate still never touches
	// the database, and says what differs.
	@Test
	void validateWithAChangedAppliedScriptFailsStartUp() throws IOException {
		ApplicationContextRunner runner = app("migrator.mode=validate");
		migrateBehindTheApplicationsBack();
		Files.writeString(this.migrations.resolve("002_add_title.sql"), "ALTER TABLE tasks ADD COLUMN name TEXT;\n");
		List<String> before = this.db.dump();
		runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).cause()
				.hasCauseInstanceOf(SchemaNotCurrentException.class)
				.hasMessageContaining("002");
			assertThat(this.db.dump()).isEqualTo(before);
		});
	}

	// A rolling deploy: the instance waits, not ready, and becomes ready once someone else migrated.
	@Test
	void validateWithContinueStaysUpNotReadyUntilTheSchemaIsCurrent() throws IOException {
		app("migrator.mode=validate", "migrator.on-failure=continue").run((context) -> {
			assertThat(context).hasNotFailed();
			MigrationsHealthIndicator health = context.getBean(MigrationsHealthIndicator.class);
			assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(this.db.tables()).doesNotContain("tasks");
			migrateBehindTheApplicationsBack();
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void migrateAndExitMigratesDuringStartUpWhateverRunOnSays() throws IOException {
		app("migrator.mode=migrate-and-exit", "migrator.run-on=ready").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MigrationRunner.class).runOn()).isEqualTo(MigratorProperties.RunOn.STARTUP);
			assertThat(this.db.tables()).contains("tasks");
		});
	}

	@Test
	void migrateAndExitStartsNoWebServerUnlessTheUserSaysSo() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("migrator.mode", "migrate-and-exit")));
		new MigrateAndExitEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");

		StandardEnvironment chosen = new StandardEnvironment();
		chosen.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("migrator.mode", "MIGRATE_AND_EXIT", "spring.main.web-application-type", "servlet")));
		new MigrateAndExitEnvironmentPostProcessor().postProcessEnvironment(chosen, new SpringApplication());
		assertThat(chosen.getProperty("spring.main.web-application-type")).isEqualTo("servlet");

		StandardEnvironment migrate = new StandardEnvironment();
		new MigrateAndExitEnvironmentPostProcessor().postProcessEnvironment(migrate, new SpringApplication());
		assertThat(migrate.getProperty("spring.main.web-application-type")).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
