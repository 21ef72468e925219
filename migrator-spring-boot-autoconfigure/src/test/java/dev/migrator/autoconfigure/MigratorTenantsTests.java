package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.MigrationRunner.MigrationStartupException;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpointAutoConfiguration;
import dev.migrator.autoconfigure.actuate.endpoint.TenantDescriptor;
import dev.migrator.core.TenantMigrators;
import dev.migrator.core.api.TenantOutcome;
import dev.migrator.core.api.TenantResult;
import dev.migrator.core.api.TenantsReport;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A {@link MigratorTenants} bean: three tenant databases beside the application's own, the second of them
 * holding a {@code notes} table already, so it fails when {@code bad} is in the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigratorTenantsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class))
		.withUserConfiguration(ThreeTenants.class)
		.withPropertyValues("migrator.run-on=startup");

	@TempDir
	Path dir;

	// each tenant an empty database file, as a new tenant's is before its first run
	@org.junit.jupiter.api.BeforeEach
	void tenantDatabases() {
		List.of("acme", "globex", "initech").forEach(this::tenant);
	}

	@Test
	void migratesEveryTenantFromTheTenantLocationsAfterTheApplicationsDatabase(CapturedOutput output) {
		SqliteFile app = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(app.dataSourceUrl(), "migrator.tenants.locations=classpath:db/tenant",
				"tenants.dir=" + this.dir)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TenantsReport report = context.getBean(TenantsActivity.class).lastRun().orElseThrow().report();
				assertThat(report.tenants()).extracting(TenantResult::outcome).containsOnly(TenantOutcome.MIGRATED);
				for (String tenant : List.of("acme", "globex", "initech")) {
					assertThat(tenant(tenant).columns("notes")).containsExactly("id", "body", "pinned");
				}
				// the application's database gets its own migrations, not the tenants'
				assertThat(app.tables()).contains("tasks").doesNotContain("notes");
				assertThat(output).contains("3 tenants: 3 migrated, 0 up to date, 0 failed, 0 not started")
					.contains("acme: migrated from version 0 to 2 (1, 2)");
			});
	}

	@Test
	void aFailedTenantStopsTheApplicationAndNoTenantStartsAfterIt(CapturedOutput output) {
		SqliteFile app = SqliteFile.in(this.dir);
		tenant("globex").execute("CREATE TABLE notes (id INTEGER)");
		this.contextRunner
			.withPropertyValues(app.dataSourceUrl(), "migrator.tenants.locations=classpath:db/tenant",
					"migrator.tenants.parallelism=1", "tenants.dir=" + this.dir)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasCauseInstanceOf(MigrationStartupException.class)
					.hasMessageContaining("migrator.on-failure=fail")
					.hasMessageContaining("1 failed (globex)")
					.hasMessageContaining("globex: ")
					.hasMessageContaining("1_notes.sql:1");
				assertThat(tenant("acme").tables()).contains("notes");
				// fail-fast (the default), one at a time: initech never started
				assertThat(tenant("initech").tables()).isEmpty();
				assertThat(output).contains("initech: not started (another tenant failed first; fail-fast)");
			});
	}

	@Test
	void withOnFailureContinueTheApplicationStaysUpWithTheFailureRecorded() {
		SqliteFile app = SqliteFile.in(this.dir);
		tenant("globex").execute("CREATE TABLE notes (id INTEGER)");
		this.contextRunner
			.withPropertyValues(app.dataSourceUrl(), "migrator.tenants.locations=classpath:db/tenant",
					"migrator.on-failure=continue", "migrator.tenants.failure-policy=continue", "tenants.dir=" + this.dir)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationActivity.class).lastFailure()).hasValueSatisfying(
						(failure) -> assertThat(failure.message()).contains("1 failed (globex)"));
				assertThat(tenant("initech").columns("notes")).contains("pinned");
				assertThat(context.getBean(TenantsActivity.class).lastRun().orElseThrow().report().failed())
					.extracting(TenantResult::name)
					.containsExactly("globex");
			});
	}

	@Test
	void theEndpointShowsEachTenantsLastRunAndStateAndHidesErrorTextsFromAnonymousCallers() {
		SqliteFile app = SqliteFile.in(this.dir);
		tenant("globex").execute("CREATE TABLE notes (id INTEGER)");
		this.contextRunner.withConfiguration(AutoConfigurations.of(MigrationsEndpointAutoConfiguration.class))
			.withPropertyValues(app.dataSourceUrl(), "management.endpoints.web.exposure.include=migrations",
					"migrator.tenants.locations=classpath:db/tenant", "migrator.on-failure=continue",
					"migrator.tenants.failure-policy=continue", "tenants.dir=" + this.dir)
			.run((context) -> {
				MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
				List<TenantDescriptor> tenants = endpoint.migrations().tenants();
				assertThat(tenants).extracting(TenantDescriptor::name).containsExactly("acme", "globex", "initech");
				assertThat(tenants.get(0)).extracting(TenantDescriptor::lastRun, TenantDescriptor::applied,
						TenantDescriptor::currentVersion, TenantDescriptor::pending)
					.containsExactly(TenantOutcome.MIGRATED, List.of("1", "2"), "2", 0);
				assertThat(tenants.get(1).lastRun()).isEqualTo(TenantOutcome.FAILED);
				assertThat(tenants.get(1).error()).contains("1_notes.sql:1");
				assertThat(tenants.get(1).pending()).isEqualTo(2);
				TenantDescriptor anonymous = endpoint.migrations(SecurityContext.NONE).tenants().get(1);
				assertThat(anonymous.error()).startsWith("hidden").doesNotContain("notes");
				assertThat(anonymous.pending()).isEqualTo(2);
			});
	}

	@Test
	void theEndpointHasNoTenantsWithoutATenantsBean() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
					MigrationsEndpointAutoConfiguration.class))
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context.getBean(MigrationsEndpoint.class).migrations().tenants()).isNull());
	}

	@Test
	void validateModeChangesNoTenantAndSaysWhichAreNotCurrent(CapturedOutput output) {
		SqliteFile app = SqliteFile.in(this.dir);
		this.contextRunner
			.withPropertyValues(app.dataSourceUrl(), "migrator.mode=validate", "migrator.on-failure=continue",
					"tenants.dir=" + this.dir)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(tenant("acme").tables()).isEmpty();
				assertThat(output).contains("3 tenants are not current: acme at version 0, 2 pending");
			});
	}

	@Test
	void withoutATenantsBeanThereAreNoTenantMigrators() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class))
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TenantMigrators.class)
				.doesNotHaveBean(TenantsActivity.class));
	}

	private SqliteFile tenant(String name) {
		try {
			return SqliteFile.in(Files.createDirectories(this.dir.resolve(name)));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreeTenants {

		@Bean
		MigratorTenants tenants(org.springframework.core.env.Environment environment) {
			Path dir = Path.of(environment.getRequiredProperty("tenants.dir"));
			Map<String, DataSource> dataSources = new LinkedHashMap<>();
			for (String name : List.of("acme", "globex", "initech")) {
				dataSources.put(name, new DriverManagerDataSource("jdbc:sqlite:" + dir.resolve(name).resolve("app.db")));
			}
			return MigratorTenants.dataSources(dataSources);
		}

	}

}
