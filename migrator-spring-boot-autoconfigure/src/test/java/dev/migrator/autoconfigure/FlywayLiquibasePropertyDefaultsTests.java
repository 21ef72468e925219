package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** An application switching from Flyway or Liquibase keeps their properties as Migrator's defaults. */
@ExtendWith(OutputCaptureExtension.class)
class FlywayLiquibasePropertyDefaultsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class))
		.withInitializer((context) -> new FlywayLiquibasePropertyDefaults((destination) -> destination.get())
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()));

	@TempDir
	Path dir;

	private SqliteFile db;

	private Path flyway;

	@BeforeEach
	void flywayProject() throws IOException {
		this.db = SqliteFile.in(this.dir);
		this.flyway = Files.createDirectories(this.dir.resolve("sql/flyway"));
		Files.writeString(this.flyway.resolve("V1__create_accounts.sql"),
				"CREATE TABLE ${prefix}accounts (id INTEGER PRIMARY KEY, owner TEXT DEFAULT '${owner}');\n");
		Files.writeString(this.flyway.resolve("V1.1__add_email.sql"), "ALTER TABLE ${prefix}accounts ADD COLUMN email TEXT;\n");
	}

	@Test
	void aFlywayFolderUnderSpringFlywayLocationsIsMigratedWithItsPlaceholders(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(this.db.dataSourceUrl(), "spring.flyway.locations=filesystem:" + this.flyway,
					"spring.flyway.placeholders.prefix=app_", "spring.flyway.placeholders.owner=ops")
			.run((context) -> {
				assertThat(context.getBean(Migrator.class).configuration().locations())
					.containsExactly("filesystem:" + this.flyway);
				ApplicationReady.publish(context);
				assertThat(this.db.tables()).contains("app_accounts", "schema_migrations");
				assertThat(this.db.columns("app_accounts")).containsExactly("id", "owner", "email");
				this.db.execute("INSERT INTO app_accounts (id) VALUES (1)");
				assertThat(this.db.dump()).contains("1|applied", "1.1|applied");
			});
		assertThat(output).containsOnlyOnce("Migrator read spring.flyway.locations, spring.flyway.placeholders.prefix, "
				+ "spring.flyway.placeholders.owner as defaults (migrator.locations=filesystem:" + this.flyway
				+ ", migrator.placeholders.prefix, migrator.placeholders.owner)");
		assertThat(output).doesNotContain("=app_").doesNotContain("=ops");
	}

	@Test
	void migratorPropertiesWinOverFlywaysKeyByKey(CapturedOutput output) throws IOException {
		Path own = Files.createDirectories(this.dir.resolve("own"));
		Files.copy(this.flyway.resolve("V1__create_accounts.sql"), own.resolve("V1__create_accounts.sql"));
		this.contextRunner
			.withPropertyValues(this.db.dataSourceUrl(), "spring.flyway.locations=filesystem:" + this.flyway,
					"migrator.locations=filesystem:" + own, "spring.flyway.placeholders.prefix=app_",
					"migrator.placeholders.prefix=own_", "spring.flyway.placeholders.owner=ops")
			.run((context) -> {
				assertThat(context.getBean(Migrator.class).configuration().locations()).containsExactly("filesystem:" + own);
				assertThat(context.getBean(Migrator.class).configuration().placeholders())
					.containsEntry("prefix", "own_")
					.containsEntry("owner", "ops");
				ApplicationReady.publish(context);
				assertThat(this.db.tables()).contains("own_accounts").doesNotContain("app_accounts");
				assertThat(this.db.columns("own_accounts")).containsExactly("id", "owner");
			});
		assertThat(output).contains("Migrator read spring.flyway.placeholders.owner as defaults (migrator.placeholders.owner)");
	}

	@Test
	void aLiquibaseFormattedSqlChangeLogIsReadFromItsFolder(CapturedOutput output) throws IOException {
		Path changelog = Files.createDirectories(this.dir.resolve("db/changelog"));
		Files.writeString(changelog.resolve("changelog.sql"), """
				--liquibase formatted sql

				--changeset alice:1
				CREATE TABLE customers (id INTEGER PRIMARY KEY);
				--rollback DROP TABLE customers;

				--changeset alice:2
				ALTER TABLE customers ADD COLUMN name TEXT;
				--rollback empty
				""");
		String changeLog = "filesystem:" + changelog.resolve("changelog.sql");
		this.contextRunner.withPropertyValues(this.db.dataSourceUrl(), "spring.liquibase.change-log=" + changeLog)
			.run((context) -> {
				assertThat(context.getBean(Migrator.class).configuration().locations())
					.containsExactly("filesystem:" + changelog);
				ApplicationReady.publish(context);
				assertThat(this.db.columns("customers")).containsExactly("id", "name");
			});
		assertThat(output).contains("Migrator read spring.liquibase.change-log as defaults (migrator.locations=filesystem:"
				+ changelog + ")");
	}

	@Test
	void withoutFlywayOrLiquibasePropertiesNothingIsAddedNorLogged(CapturedOutput output) {
		this.contextRunner.withPropertyValues(this.db.dataSourceUrl()).run((context) -> {
			assertThat(context.getEnvironment().getPropertySources()
				.contains(FlywayLiquibasePropertyDefaults.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context.getBean(Migrator.class).configuration().locations()).containsExactly("classpath:db/migration");
		});
		assertThat(output).doesNotContain("Migrator read");
	}

	@Test
	void flywaysTableIsNotMigratorsHistory(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(this.db.dataSourceUrl(), "spring.flyway.locations=filesystem:" + this.flyway,
					"spring.flyway.placeholders.prefix=app_", "spring.flyway.placeholders.owner=ops",
					"spring.flyway.table=old_flyway_history")
			.run((context) -> {
				assertThat(context.getBean(Migrator.class).configuration().table()).isEqualTo("schema_migrations");
				ApplicationReady.publish(context);
				assertThat(this.db.tables()).contains("app_accounts", "schema_migrations").doesNotContain("old_flyway_history");
			});
		assertThat(output).contains("spring.flyway.table=old_flyway_history is not read");
	}

	@Test
	void aPlaceholderWithNoValueStillStopsTheRun() {
		this.contextRunner
			.withPropertyValues(this.db.dataSourceUrl(), "spring.flyway.locations=filesystem:" + this.flyway,
					"spring.flyway.placeholders.prefix=app_", "migrator.run-on=startup")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("owner");
				assertThat(this.db.tables()).doesNotContain("app_accounts");
			});
	}

	@Test
	void aRealApplicationReadsThemThroughSpringFactories(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(this.db.dataSourceUrl(), "spring.flyway.locations=filesystem:" + this.flyway,
					"spring.flyway.placeholders.prefix=app_", "spring.flyway.placeholders.owner=ops")
			.run()) {
			assertThat(context.getBean(Migrator.class).configuration().placeholders()).containsEntry("owner", "ops");
			assertThat(this.db.columns("app_accounts")).containsExactly("id", "owner", "email");
		}
		assertThat(output).containsOnlyOnce("Migrator read spring.flyway.locations");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class })
	static class App {

	}

}
