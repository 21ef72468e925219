package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Which database Migrator migrates when the application has several DataSources. */
class MigratorDataSourceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return this.contextRunner.withPropertyValues("test.dir=" + this.dir);
	}

	@Test
	void twoDataSourcesAndNoChoiceFailStartUpNamingBothAndWhatToSet() {
		contextRunner().withUserConfiguration(TwoDataSources.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(NoMigratorDataSourceChosenException.class)
				.hasMessageContaining("orders")
				.hasMessageContaining("reports");
			FailureAnalysis analysis = new NoMigratorDataSourceChosenFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("@MigratorDataSource", "@Primary", "migrator.url",
					"migrator.enabled=false");
		});
	}

	@Test
	void migratesTheDataSourceMarkedMigratorDataSource() {
		contextRunner().withUserConfiguration(QualifiedReports.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(Migrator.class).migrate();
			assertThat(database("reports").tables()).contains("tasks");
			assertThat(database("orders").tables()).doesNotContain("tasks");
		});
	}

	// Marked defaultCandidate=false, as the Javadoc suggests: the application injects its other DataSource
	// without a qualifier, and Migrator still finds this one.
	@Test
	void migratesAQualifiedDataSourceThatIsNoDefaultCandidate() {
		contextRunner().withUserConfiguration(HiddenMigrationDataSource.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DataSource.class)).isSameAs(context.getBean("orders"));
			context.getBean(Migrator.class).migrate();
			assertThat(database("reports").tables()).contains("tasks");
			assertThat(database("orders").tables()).doesNotContain("tasks");
		});
	}

	// Hibernate's default ddl-auto asks this: only the database Migrator migrates is managed.
	@Test
	void tellsSpringBootWhichSchemaItManages() {
		contextRunner().withUserConfiguration(QualifiedReports.class).run((context) -> {
			SchemaManagementProvider provider = context.getBean(SchemaManagementProvider.class);
			assertThat(provider.getSchemaManagement(context.getBean("reports", DataSource.class)))
				.isEqualTo(SchemaManagement.MANAGED);
			assertThat(provider.getSchemaManagement(context.getBean("orders", DataSource.class)))
				.isEqualTo(SchemaManagement.UNMANAGED);
		});
	}

	@Test
	void migratesThePrimaryDataSource() {
		contextRunner().withUserConfiguration(PrimaryOrders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(Migrator.class).migrate();
			assertThat(database("orders").tables()).contains("tasks");
			assertThat(database("reports").tables()).doesNotContain("tasks");
		});
	}

	@Test
	void migratorUrlNeedsNoChoiceAmongTheApplicationDataSources() throws IOException {
		SqliteFile other = SqliteFile.in(Files.createDirectories(this.dir.resolve("other")));
		contextRunner().withUserConfiguration(TwoDataSources.class)
			.withPropertyValues("migrator.url=" + other.url())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(Migrator.class).migrate();
				assertThat(other.tables()).contains("tasks");
			});
	}

	private SqliteFile database(String name) {
		return new SqliteFile(this.dir.resolve(name).resolve("app.db"));
	}

	static DataSource sqlite(Environment environment, String name) {
		try {
			Path dir = Files.createDirectories(Path.of(environment.getProperty("test.dir")).resolve(name));
			return new SimpleDriverDataSource(new org.sqlite.JDBC(), SqliteFile.in(dir).url());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		DataSource orders(Environment environment) {
			return sqlite(environment, "orders");
		}

		@Bean
		DataSource reports(Environment environment) {
			return sqlite(environment, "reports");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedReports {

		@Bean
		DataSource orders(Environment environment) {
			return sqlite(environment, "orders");
		}

		@Bean
		@MigratorDataSource
		DataSource reports(Environment environment) {
			return sqlite(environment, "reports");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HiddenMigrationDataSource {

		@Bean
		DataSource orders(Environment environment) {
			return sqlite(environment, "orders");
		}

		@Bean(defaultCandidate = false)
		@MigratorDataSource
		DataSource reports(Environment environment) {
			return sqlite(environment, "reports");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryOrders {

		@Bean
		@Primary
		DataSource orders(Environment environment) {
			return sqlite(environment, "orders");
		}

		@Bean
		DataSource reports(Environment environment) {
			return sqlite(environment, "reports");
		}

	}

}
