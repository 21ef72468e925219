package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.MigrationRunner.MigrationStartupException;
import dev.migrator.autoconfigure.MigratorProperties.RunOn;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(OutputCaptureExtension.class)
class MigrationRunnerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, MigratorAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void withRunOnStartupBeansThatDependOnDatabaseInitializationSeeTheMigratedSchema() {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.run-on=startup")
			.withUserConfiguration(SchemaReaders.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AnnotatedSchemaReader.class).tablesSeen).contains("tasks");
				assertThat(context.getBean(JdbcSchemaReader.class).tablesSeen).contains("tasks");
			});
	}

	@Test
	void byDefaultABeanThatDependsOnDatabaseInitializationMakesTheMigrationsRunAtStartUp(CapturedOutput output) {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl())
			.withUserConfiguration(SchemaReaders.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationRunner.class).runOn()).isEqualTo(RunOn.STARTUP);
				assertThat(context.getBean(AnnotatedSchemaReader.class).tablesSeen).contains("tasks");
			});
		assertThat(output).contains("Migrations run during context start-up (migrator.run-on=auto), "
				+ "before the beans that need the schema: annotatedSchemaReader");
	}

	// A JdbcTemplate depends on database initialization too, but holding one reads nothing: the web
	// server and the probes stay up during a long migration.
	@Test
	void byDefaultJdbcTemplateAloneLeavesTheMigrationsOnApplicationReady(CapturedOutput output) {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl())
			.withBean(JdbcSchemaReader.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationRunner.class).runOn()).isEqualTo(RunOn.READY);
				assertThat(db.tables()).doesNotContain("tasks");
				ApplicationReady.publish(context);
				assertThat(db.tables()).contains("tasks");
			});
		assertThat(output).contains("Migrations run on ApplicationReadyEvent (migrator.run-on=auto): no bean that "
				+ "needs the schema at start-up depends on database initialization");
	}

	@Test
	void withRunOnReadyTheSchemaIsMigratedOnlyOnceTheApplicationIsReady() {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.run-on=ready")
			.withUserConfiguration(SchemaReaders.class)
			.run((context) -> {
				assertThat(context.getBean(AnnotatedSchemaReader.class).tablesSeen).doesNotContain("tasks");
				ApplicationReady.publish(context);
				assertThat(db.tables()).contains("tasks");
			});
	}

	@Test
	void readinessRefusesTrafficWhileMigratingThenAcceptsIt() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl())
			.withUserConfiguration(ReadinessRecorder.class)
			.run((context) -> {
				ApplicationReady.publish(context);
				assertThat(context.getBean(ReadinessRecorder.class).seen).containsExactly("REFUSING_TRAFFIC",
						"migration 3 ran while REFUSING_TRAFFIC", "ACCEPTING_TRAFFIC");
			});
	}

	@Test
	void failedMigrationStopsTheApplicationWithANonZeroExitCode() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "migrator.locations=classpath:db/failing")
			.run((context) -> {
				assertThatExceptionOfType(MigrationStartupException.class).isThrownBy(() -> ApplicationReady.publish(context))
					.withCauseInstanceOf(MigrationFailedException.class)
					.withMessageContaining("002_broken.sql")
					.satisfies((ex) -> assertThat(ex.getExitCode()).isEqualTo(1));
			});
	}

	@Test
	void failedMigrationAtStartUpFailsTheContext() {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "migrator.locations=classpath:db/failing",
					"migrator.run-on=startup")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(SQLException.class)
				.cause()
				.isInstanceOf(MigrationStartupException.class));
	}

	@Test
	void failedMigrationWithOnFailureContinueKeepsTheApplicationUp() {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner
			.withPropertyValues(db.dataSourceUrl(), "migrator.locations=classpath:db/failing", "migrator.on-failure=continue")
			.run((context) -> {
				ApplicationReady.publish(context);
				assertThat(context.isRunning()).isTrue();
				assertThat(context.getBean(MigrationActivity.class).lastFailure())
					.hasValueSatisfying((failure) -> assertThat(failure.message()).contains("002_broken.sql"));
				assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
					.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
				assertThat(db.tables()).contains("tasks");
			});
	}

	@Test
	void dryRunReportsAndLeavesTheDatabaseAsItWas() {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.dry-run=true").run((context) -> {
			ApplicationReady.publish(context);
			assertThat(db.tables()).doesNotContain("tasks");
		});
	}

	@Test
	void targetStopsTheStartUpRunAtThatVersion() {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.target=1").run((context) -> {
			ApplicationReady.publish(context);
			assertThat(db.columns("tasks")).containsExactly("id", "title");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SchemaReaders {

		@Bean
		@DependsOnDatabaseInitialization
		AnnotatedSchemaReader annotatedSchemaReader(DataSource dataSource) {
			return new AnnotatedSchemaReader(new JdbcTemplate(dataSource));
		}

		@Bean
		JdbcSchemaReader jdbcSchemaReader(JdbcTemplate jdbcTemplate) {
			return new JdbcSchemaReader(jdbcTemplate);
		}

	}

	static class AnnotatedSchemaReader {

		final List<String> tablesSeen;

		AnnotatedSchemaReader(JdbcTemplate jdbc) {
			this.tablesSeen = jdbc.queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class);
		}

	}

	static class JdbcSchemaReader {

		final List<String> tablesSeen;

		JdbcSchemaReader(JdbcTemplate jdbc) {
			this.tablesSeen = jdbc.queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReadinessRecorder implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

		final List<String> seen = new ArrayList<>();

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
			this.seen.add(event.getState().name());
		}

		@Bean
		JavaMigration readinessProbe(ApplicationAvailability availability) {
			return new JavaMigration() {

				@Override
				public String version() {
					return "3";
				}

				@Override
				public String description() {
					return "records readiness";
				}

				@Override
				public void up(MigrationContext context) {
					ReadinessRecorder.this.seen.add("migration 3 ran while " + availability.getReadinessState());
				}

			};
		}

	}

}
