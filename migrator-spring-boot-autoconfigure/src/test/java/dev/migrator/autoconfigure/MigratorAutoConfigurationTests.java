package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.TransactionMode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class MigratorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void backsOffWithNoDataSourceBean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Migrator.class)
				.doesNotHaveBean(MigrationRunner.class));
	}

	@Test
	void backsOffWithoutTheEngineOnTheClasspath() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl())
			.withClassLoader(new FilteredClassLoader(Migrator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Migrator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl(), "migrator.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Migrator.class).doesNotHaveBean(MigrationRunner.class));
	}

	@Test
	void migratesTheApplicationDataSourceWhenTheApplicationIsReady() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			assertThat(context).hasSingleBean(Migrator.class).hasSingleBean(MigrationRunner.class);
			assertThat(context.getBean(Migrator.class).configuration().dataSource())
				.isSameAs(context.getBean(DataSource.class));
			assertThat(db.tables()).doesNotContain("tasks");
			ApplicationReady.publish(context);
			assertThat(db.tables()).contains("tasks", "schema_migrations");
			assertThat(db.columns("tasks")).containsExactly("id", "title", "done");
		});
	}

	@Test
	void userDefinedMigratorWinsAndIsRunAtStartUp() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl())
			.withUserConfiguration(OwnMigrator.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(Migrator.class);
				assertThat(context.getBean(Migrator.class).configuration().table()).isEqualTo("own_history");
				ApplicationReady.publish(context);
				assertThat(db.tables()).contains("tasks", "own_history");
			});
	}

	@Test
	void customizersAreAppliedInOrderAfterTheProperties() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl(), "migrator.table=from_properties")
			.withUserConfiguration(Customizers.class)
			.run((context) -> {
				Configuration configuration = context.getBean(Migrator.class).configuration();
				assertThat(configuration.table()).isEqualTo("second");
				assertThat(configuration.outOfOrder()).isTrue();
			});
	}

	@Test
	void javaMigrationBeansArePickedUp() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl())
			.withBean(CreateNotesTable.class)
			.run((context) -> {
				assertThat(context.getBean(Migrator.class).configuration().javaMigrations())
					.containsExactly(context.getBean(CreateNotesTable.class));
				ApplicationReady.publish(context);
				assertThat(db.tables()).contains("tasks", "notes");
			});
	}

	@Test
	void bindsEveryEnginePropertyIntoTheConfiguration() {
		Path backups = this.dir.resolve("backups");
		this.contextRunner
			.withPropertyValues(db().dataSourceUrl(), "migrator.locations=classpath:db/failing,filesystem:/opt/migrations",
					"migrator.table=app_history", "migrator.out-of-order=true", "migrator.transaction=all",
					"migrator.fail-on-stray-files=true", "migrator.ignore-missing-migrations=true",
					"migrator.integrity-check=full", "migrator.lock.wait-timeout=5s", "migrator.lock.lease=1m", "migrator.lock.max-wait=3h",
					"migrator.backup.enabled=false", "migrator.backup.directory=" + backups,
					"migrator.backup.compress=true", "migrator.backup.retention.count=3",
					"migrator.backup.retention.age=7d", "migrator.backup.retention.max-count=5",
				"migrator.backup.retention.max-total-size=300MB", "migrator.backup.dump-tool=/usr/lib/postgresql/17/bin/pg_dump",
					"migrator.schema=app", "migrator.lock.mode=table", "migrator.migration-lock-timeout=5s",
					"migrator.statement-timeout=2m")
			.run((context) -> {
				Configuration configuration = context.getBean(Migrator.class).configuration();
				assertThat(configuration.locations()).containsExactly("classpath:db/failing", "filesystem:/opt/migrations");
				assertThat(configuration.table()).isEqualTo("app_history");
				assertThat(configuration.outOfOrder()).isTrue();
				assertThat(configuration.transactionMode()).isEqualTo(TransactionMode.ALL);
				assertThat(configuration.failOnStrayFiles()).isTrue();
				assertThat(configuration.ignoreMissingMigrations()).isTrue();
				assertThat(configuration.integrityCheck()).isEqualTo(IntegrityCheck.FULL);
				assertThat(configuration.lock())
					.isEqualTo(new Configuration.Lock(Duration.ofSeconds(5), Duration.ofMinutes(1), LockMode.TABLE,
							Duration.ofHours(3)));
				assertThat(configuration.schema()).isEqualTo("app");
				assertThat(configuration.timeouts())
					.isEqualTo(new Configuration.Timeouts(Duration.ofSeconds(5), Duration.ofMinutes(2)));
				assertThat(configuration.backup())
					.isEqualTo(new Configuration.Backup(false, backups, true, 3, Duration.ofDays(7),
							Path.of("/usr/lib/postgresql/17/bin/pg_dump"), 5, 300L * 1024 * 1024));
				assertThat(configuration.classLoader()).isSameAs(context.getClassLoader());
			});
	}

	@Test
	void bindsTheRunProperties() {
		this.contextRunner
			.withPropertyValues(db().dataSourceUrl(), "migrator.target=1.2", "migrator.run-on=startup",
					"migrator.on-failure=continue", "migrator.dry-run=true")
			.run((context) -> {
				MigratorProperties properties = context.getBean(MigratorProperties.class);
				assertThat(properties.getTarget()).isEqualTo("1.2");
				assertThat(properties.getRunOn()).isEqualTo(MigratorProperties.RunOn.STARTUP);
				assertThat(properties.getOnFailure()).isEqualTo(MigratorProperties.OnFailure.CONTINUE);
				assertThat(properties.isDryRun()).isTrue();
			});
	}

	@Test
	void migratesASeparateDatabaseWhenMigratorUrlIsSet() {
		SqliteFile app = db();
		SqliteFile other = new SqliteFile(this.dir.resolve("other.db"));
		this.contextRunner.withPropertyValues(app.dataSourceUrl(), "migrator.url=" + other.url())
			.run((context) -> {
				assertThat(context.getBean(Migrator.class).configuration().dataSource())
					.isNotSameAs(context.getBean(DataSource.class));
				ApplicationReady.publish(context);
				assertThat(other.tables()).contains("tasks");
				assertThat(app.tables()).doesNotContain("tasks");
			});
	}

	@Test
	void migratesTheApplicationDatabaseWithAnotherAccountWhenOnlyMigratorUserIsSet() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.user=schema_owner", "migrator.password=secret")
			.run((context) -> {
				DataSource migrationDataSource = context.getBean(Migrator.class).configuration().dataSource();
				assertThat(migrationDataSource).isInstanceOfSatisfying(SimpleDriverDataSource.class, (simple) -> {
					assertThat(simple.getUrl()).isEqualTo(db.url());
					assertThat(simple.getUsername()).isEqualTo("schema_owner");
				});
				ApplicationReady.publish(context);
				assertThat(db.tables()).contains("tasks");
			});
	}

	@Test
	void needsNoApplicationDataSourceWhenMigratorUrlIsSet() {
		SqliteFile other = new SqliteFile(this.dir.resolve("other.db"));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.withPropertyValues("migrator.url=" + other.url())
			.run((context) -> {
				assertThat(context).hasSingleBean(Migrator.class).doesNotHaveBean(DataSource.class);
				ApplicationReady.publish(context);
				assertThat(other.tables()).contains("tasks");
			});
	}

	private SqliteFile db() {
		return SqliteFile.in(this.dir);
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class OwnMigrator {

		@Bean
		Migrator ownMigrator(DataSource dataSource) {
			return Migrator.configure().dataSource(dataSource).table("own_history").load();
		}

	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Order(2)
		MigratorConfigurationCustomizer second() {
			return (builder) -> builder.table("second");
		}

		@Bean
		@Order(1)
		MigratorConfigurationCustomizer first() {
			return (builder) -> builder.table("first").outOfOrder(true);
		}

	}

	static class CreateNotesTable implements JavaMigration {

		@Override
		public String version() {
			return "3";
		}

		@Override
		public String description() {
			return "create notes table";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			context.connection().createStatement().execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
		}

	}

}
