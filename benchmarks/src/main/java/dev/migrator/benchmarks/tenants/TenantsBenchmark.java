package dev.migrator.benchmarks.tenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Tenant;
import dev.migrator.core.api.TenantsOptions;
import dev.migrator.core.api.TenantsOptions.FailurePolicy;
import dev.migrator.core.api.TenantsReport;

/**
 * B8: 100 tenants, each a schema of one embedded PostgreSQL database with five migrations, migrated by
 * {@code loadTenants(...).migrate(...)} at several parallelisms and by a plain loop of single migrates, side
 * by side in one run; then the same again with nothing pending (an application's usual start). Every variant
 * gets fresh schemas, through one connection pool; backups are off for all (100 {@code pg_dump}s would
 * measure {@code pg_dump}). Rounds are interleaved; the median is reported, with the load average.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am compile -DskipTests
 * java -cp benchmarks/target/classes:$(cat cp.txt) dev.migrator.benchmarks.tenants.TenantsBenchmark [tenants] [rounds]
 * </pre>
 */
public final class TenantsBenchmark {

	private static final List<String> MIGRATIONS = List.of(
			"CREATE TABLE customers (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);",
			"CREATE UNIQUE INDEX customers_email ON customers (email);",
			"CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id),"
					+ " total NUMERIC(12, 2) NOT NULL, placed_at TIMESTAMPTZ NOT NULL DEFAULT now());",
			"ALTER TABLE customers ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now();",
			"INSERT INTO customers (name, email) SELECT 'customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 50) i;");

	private TenantsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int tenants = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		Path locations = Files.createTempDirectory("tenants-benchmark");
		for (int i = 0; i < MIGRATIONS.size(); i++) {
			Files.writeString(locations.resolve((i + 1) + "_step.sql"), MIGRATIONS.get(i));
		}
		List<String> variants = List.of("sequential loop", "parallelism 2", "parallelism 4", "parallelism 8");
		Map<String, List<Long>> migrate = new LinkedHashMap<>();
		Map<String, List<Long>> upToDate = new LinkedHashMap<>();
		String loadBefore = loadAverage();
		try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
				HikariDataSource pool = pool(server.getPort())) {
			for (int round = 0; round < rounds; round++) {
				// interleaved, the order turning each round, so a burst of load is shared out
				for (int v = 0; v < variants.size(); v++) {
					String variant = variants.get((v + round) % variants.size());
					List<Tenant> schemas = new ArrayList<>();
					for (int t = 1; t <= tenants; t++) {
						String schema = String.format(Locale.ROOT, "r%d_v%d_t%03d", round, variants.indexOf(variant), t);
						schemas.add(Tenant.inSchema(schema, pool, schema));
					}
					migrate.computeIfAbsent(variant, (k) -> new ArrayList<>()).add(run(variant, schemas, pool, locations));
					upToDate.computeIfAbsent(variant, (k) -> new ArrayList<>()).add(run(variant, schemas, pool, locations));
					dropSchemas(pool, schemas);
				}
			}
		}
		String loadAfter = loadAverage();
		System.out.println();
		System.out.println("B8: " + tenants + " tenants (schemas of one embedded PostgreSQL database), " + MIGRATIONS.size()
				+ " migrations each, backups off, " + rounds + " rounds, median; " + Runtime.getRuntime().availableProcessors()
				+ " CPUs; load average before " + loadBefore + ", after " + loadAfter);
		System.out.println();
		System.out.println("| variant | migrate " + tenants + " tenants (" + MIGRATIONS.size() + " pending each) | again, nothing pending | all rounds (ms) |");
		System.out.println("|---|---:|---:|---|");
		for (String variant : variants) {
			System.out.println("| " + variant + " | " + median(migrate.get(variant)) + " ms | " + median(upToDate.get(variant))
					+ " ms | " + migrate.get(variant) + " / " + upToDate.get(variant) + " |");
		}
	}

	private static long run(String variant, List<Tenant> tenants, DataSource pool, Path locations) {
		long started = System.nanoTime();
		if (variant.equals("sequential loop")) {
			for (Tenant tenant : tenants) {
				Migrator.configure()
					.dataSource(pool)
					.schema(tenant.schema())
					.locations("filesystem:" + locations)
					.backupEnabled(false)
					.load()
					.migrate();
			}
		}
		else {
			int parallelism = Integer.parseInt(variant.substring(variant.lastIndexOf(' ') + 1));
			TenantsReport report = Migrator.configure()
				.locations("filesystem:" + locations)
				.backupEnabled(false)
				.loadTenants(tenants)
				.migrate(new TenantsOptions(parallelism, FailurePolicy.FAIL_FAST));
			if (!report.succeeded()) {
				throw new IllegalStateException(report.summary() + ": " + report.failed().get(0).error());
			}
		}
		return (System.nanoTime() - started) / 1_000_000;
	}

	// a pool an application with 8 tenants migrating at once could have: two connections each (migration and lock)
	private static HikariDataSource pool(int port) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
		config.setMaximumPoolSize(20);
		config.setPoolName("tenants-benchmark");
		return new HikariDataSource(config);
	}

	private static void dropSchemas(DataSource pool, List<Tenant> tenants) throws Exception {
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			for (Tenant tenant : tenants) {
				statement.execute("DROP SCHEMA IF EXISTS " + tenant.schema() + " CASCADE");
			}
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String loadAverage() {
		try {
			return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
