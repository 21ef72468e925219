package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Named migrators ({@code migrator.instances.<name>.*}) beside the default one, each on its own database. */
class MigratorInstancesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void withoutInstancesThereIsOnlyTheDefaultMigratorAndRunner() {
		this.contextRunner.withPropertyValues(app().dataSourceUrl()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MigratorInstance.class);
			assertThat(context).hasSingleBean(MigrationRunner.class);
		});
	}

	@Test
	void eachInstanceMigratesItsOwnDatabaseAtStartUpFromItsOwnLocations() {
		SqliteFile app = app();
		SqliteFile reporting = file("reporting.db");
		this.contextRunner
			.withPropertyValues(app.dataSourceUrl(), "migrator.run-on=startup",
					"migrator.instances.reporting.url=" + reporting.url())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(MigrationRunner.class)).containsOnlyKeys("migrationRunner",
						"migrationRunner.reporting");
				assertThat(app.tables()).contains("tasks").doesNotContain("reports");
				// the default db/reporting location of an instance named reporting
				assertThat(reporting.tables()).contains("reports", "schema_migrations").doesNotContain("tasks");
				MigratorInstance instance = context.getBean(MigratorInstance.class);
				assertThat(instance.name()).isEqualTo("reporting");
				assertThat(instance.migrator()).isNotSameAs(context.getBean(dev.migrator.core.Migrator.class));
			});
	}

	@Test
	void anInstanceMigratesTheDataSourceBeanItNames() {
		SqliteFile orders = file("orders.db");
		SqliteFile reports = file("reports.db");
		this.contextRunner.withUserConfiguration(TwoDataSources.class)
			.withPropertyValues("test.orders=" + orders.url(), "test.reports=" + reports.url(),
					"migrator.run-on=startup", "migrator.instances.reporting.data-source=reportsDataSource")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(orders.tables()).contains("tasks").doesNotContain("reports");
				assertThat(reports.tables()).contains("reports").doesNotContain("tasks");
			});
	}

	@Test
	void runSettingsFallBackToTheTopLevelAndTheInstanceOnesWin() {
		SqliteFile app = app();
		SqliteFile a = file("a.db");
		SqliteFile b = file("b.db");
		this.contextRunner
			.withPropertyValues(app.dataSourceUrl(), "migrator.run-on=startup", "migrator.table=history",
					"migrator.instances.a.url=" + a.url(), "migrator.instances.a.locations=classpath:db/reporting",
					"migrator.instances.b.url=" + b.url(), "migrator.instances.b.locations=classpath:db/reporting",
					"migrator.instances.b.table=b_history", "migrator.instances.b.mode=off")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(app.tables()).contains("history", "tasks");
				assertThat(a.tables()).contains("history", "reports");
				// mode=off under b: nothing ran there
				assertThat(b.tables()).doesNotContain("reports", "b_history", "history");
				assertThat(context.getBean("migratorInstance.b", MigratorInstance.class).properties().getTable())
					.isEqualTo("b_history");
			});
	}

	@Test
	void aTopLevelBackupFolderGetsASubfolderPerInstanceAndTheInstanceOneWins() {
		this.contextRunner
			.withPropertyValues(app().dataSourceUrl(), "migrator.mode=off", "migrator.backup.directory=" + this.dir.resolve("b"),
					"migrator.instances.a.url=" + file("a.db").url(), "migrator.instances.z.url=" + file("z.db").url(),
					"migrator.instances.z.backup.directory=" + this.dir.resolve("zb"))
			.run((context) -> {
				assertThat(context.getBean("migratorInstance.a", MigratorInstance.class).properties().getBackup()
					.getDirectory()).isEqualTo(this.dir.resolve("b").resolve("a"));
				assertThat(context.getBean("migratorInstance.z", MigratorInstance.class).properties().getBackup()
					.getDirectory()).isEqualTo(this.dir.resolve("zb"));
			});
	}

	@Test
	void theTopLevelDatabaseIsNeverInherited() {
		SqliteFile other = file("other.db");
		this.contextRunner
			.withPropertyValues(app().dataSourceUrl(), "migrator.url=" + other.url(),
					"migrator.instances.reporting.locations=classpath:db/reporting")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("migrator.instances.reporting needs either data-source")
					.hasMessageContaining("set migrator.instances.reporting.data-source or migrator.instances.reporting.url");
			});
	}

	@Test
	void aMistypedDataSourceBeanNameFailsStartUpWithTheNearestName() {
		this.contextRunner.withUserConfiguration(TwoDataSources.class)
			.withPropertyValues("test.orders=" + file("o.db").url(), "test.reports=" + file("r.db").url(),
					"migrator.instances.reporting.data-source=reportDataSource")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("migrator.instances.reporting.data-source=reportDataSource")
					.hasMessageContaining("did you mean 'reportsDataSource'?");
			});
	}

	@Test
	void bothADataSourceAndAUrlAreRefused() {
		this.contextRunner
			.withPropertyValues(app().dataSourceUrl(), "migrator.instances.reporting.url=" + file("r.db").url(),
					"migrator.instances.reporting.data-source=dataSource")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("not both"));
	}

	@Test
	void aNameThatIsAVersionOrReservedIsRefusedAtStartUp() {
		for (String name : new String[] { "2", "default", "dashboard" }) {
			this.contextRunner
				.withPropertyValues(app().dataSourceUrl(), "migrator.instances." + name + ".url=" + file("n" + name + ".db").url())
				.run((context) -> assertThat(context).getFailure()
					.hasMessageContaining("migrator.instances." + name + ": '" + name + "' cannot name a migrator instance"));
		}
	}

	@Test
	void aFailingInstanceStopsTheApplicationNamingTheInstanceAndItsScript() {
		SqliteFile app = app();
		SqliteFile broken = file("broken.db");
		this.contextRunner
			.withPropertyValues(app.dataSourceUrl(), "migrator.run-on=startup",
					"migrator.instances.broken.url=" + broken.url(), "migrator.instances.broken.locations=classpath:db/failing")
			.run((context) -> {
				assertThat(context).getFailure()
					.hasMessageContaining("Migrations of migrator.instances.broken failed at start-up")
					.hasMessageContaining("db/failing/002_broken.sql:2");
				// its own database, its own locations: 001 of db/failing went in before 002 failed
				assertThat(broken.tables()).contains("tasks");
			});
	}

	@Test
	void onFailureContinueUnderAnInstanceKeepsTheApplicationUpWithThatInstanceFailed() {
		SqliteFile broken = file("broken.db");
		this.contextRunner
			.withPropertyValues(app().dataSourceUrl(), "migrator.run-on=startup",
					"migrator.instances.broken.url=" + broken.url(), "migrator.instances.broken.locations=classpath:db/failing",
					"migrator.instances.broken.on-failure=continue")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigratorInstance.class).activity().lastFailure()).isPresent();
				assertThat(context.getBean(MigrationActivity.class).lastFailure()).isEmpty();
			});
	}

	private SqliteFile app() {
		return SqliteFile.in(this.dir);
	}

	private SqliteFile file(String name) {
		try {
			Path directory = Files.createDirectories(this.dir.resolve(name.replace(".db", "")));
			return new SqliteFile(Files.move(SqliteFile.in(directory).path(), directory.resolve(name)));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		@Primary
		DataSource ordersDataSource(Environment environment) {
			return new SimpleDriverDataSource(new org.sqlite.JDBC(), environment.getProperty("test.orders"));
		}

		@Bean
		DataSource reportsDataSource(Environment environment) {
			return new SimpleDriverDataSource(new org.sqlite.JDBC(), environment.getProperty("test.reports"));
		}

	}

}
