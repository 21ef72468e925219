package dev.migrator.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;

import dev.migrator.core.api.Tenant;
import dev.migrator.core.api.TenantOutcome;
import dev.migrator.core.api.TenantResult;
import dev.migrator.core.api.TenantStatus;
import dev.migrator.core.api.TenantsOptions;
import dev.migrator.core.api.TenantsOptions.FailurePolicy;
import dev.migrator.core.api.TenantsReport;
import dev.migrator.core.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenants as schemas of one PostgreSQL database, all through one DataSource (the shared test server). */
class TenantsPostgresTest {

	@TempDir
	Path dir;

	@Test
	void eachSchemaGetsItsTablesAndItsOwnHistoryAndAFailureStaysInItsSchema() throws Exception {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("1_tasks.sql"), "CREATE TABLE tasks (id BIGINT PRIMARY KEY, title TEXT);",
				StandardCharsets.UTF_8);
		Files.writeString(migrations.resolve("2_notes.sql"), "CREATE TABLE notes (id BIGINT PRIMARY KEY);",
				StandardCharsets.UTF_8);
		List<String> schemas = List.of(PostgresServer.newSchema("tenant"), PostgresServer.newSchema("tenant"),
				PostgresServer.newSchema("tenant"));
		DataSource shared = PostgresServer.dataSource(null);
		execute("CREATE TABLE " + schemas.get(1) + ".notes (id BIGINT)");
		List<Tenant> tenants = List.of(Tenant.inSchema("a", shared, schemas.get(0)),
				Tenant.inSchema("b", shared, schemas.get(1)), Tenant.inSchema("c", shared, schemas.get(2)));
		TenantMigrators migrators = Migrator.configure()
			.locations("filesystem:" + migrations)
			.backupEnabled(false)
			.loadTenants(tenants);

		TenantsReport report = migrators.migrate(new TenantsOptions(3, FailurePolicy.CONTINUE));

		assertThat(report.tenants()).extracting(TenantResult::outcome)
			.containsExactly(TenantOutcome.MIGRATED, TenantOutcome.FAILED, TenantOutcome.MIGRATED);
		assertThat(report.tenant("b").orElseThrow().error()).contains("2_notes.sql:1").contains("already exists");
		// each schema its own history, and its own advisory lock key (database, schema, table): no lock table
		assertThat(tables(schemas.get(0))).containsExactly("notes", "schema_migrations", "schema_migrations_log", "tasks");
		assertThat(tables(schemas.get(2))).isEqualTo(tables(schemas.get(0)));
		// b: 1 applied, 2 rolled back with its transaction; its own notes table untouched
		assertThat(query("SELECT version FROM " + schemas.get(1) + ".schema_migrations ORDER BY version"))
			.containsExactly("1");
		assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schemas.get(1)
				+ "' AND table_name = 'notes'")).containsExactly("1");
		List<TenantStatus> status = migrators.status();
		assertThat(status).extracting((s) -> s.status().currentVersion().toString()).containsExactly("2", "1", "2");
		assertThat(status.get(1).status().pending()).hasSize(1);
	}

	@Test
	void schemasOfOneDataSourceMigrateAtTheSameTimeEachUnderItsOwnLock() throws Exception {
		// a's migration waits for b's to have run: were the schemas queued behind one another (one queue per
		// DataSource), a would wait out the latch while b waited for a, and fail
		String a = PostgresServer.newSchema("tenant");
		String b = PostgresServer.newSchema("tenant");
		CountDownLatch bRan = new CountDownLatch(1);
		JavaMigration meeting = new JavaMigration() {
			@Override
			public String version() {
				return "1";
			}

			@Override
			public String description() {
				return "meet";
			}

			@Override
			public void up(MigrationContext context) throws Exception {
				String schema = context.connection().getSchema();
				if (schema.equals(b)) {
					bRan.countDown();
				}
				else if (!bRan.await(60, TimeUnit.SECONDS)) {
					throw new IllegalStateException("schema " + b + " never ran while " + schema + " was migrating");
				}
			}
		};
		DataSource shared = PostgresServer.dataSource(null);

		TenantsReport report = Migrator.configure()
			.locations("filesystem:" + Files.createDirectories(this.dir.resolve("none")))
			.javaMigrations(meeting)
			.backupEnabled(false)
			.loadTenants(List.of(Tenant.inSchema("a", shared, a), Tenant.inSchema("b", shared, b)))
			.migrate(new TenantsOptions(2, FailurePolicy.FAIL_FAST));

		assertThat(report.tenants()).extracting(TenantResult::outcome)
			.as(report.summary() + " " + report.failed().stream().map(TenantResult::error).toList())
			.containsExactly(TenantOutcome.MIGRATED, TenantOutcome.MIGRATED);
	}

	private static List<String> tables(String schema) throws SQLException {
		return query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
				+ "' AND table_type = 'BASE TABLE' ORDER BY table_name");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = PostgresServer.connect(null); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> query(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = PostgresServer.connect(null); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				rows.add(rs.getString(1));
			}
		}
		return rows;
	}

}
