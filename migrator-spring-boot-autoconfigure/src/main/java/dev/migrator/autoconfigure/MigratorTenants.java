package dev.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migrator.core.api.Tenant;

/**
 * The tenants the application serves, each a database or a schema of its own, that Migrator migrates at
 * start-up after the application's own database, with the same settings ({@code migrator.*}) and, when set,
 * {@code migrator.tenants.locations}. Define one as a bean:
 *
 * <pre>{@code
 * @Bean
 * MigratorTenants tenants(DataSource dataSource) {
 *     return MigratorTenants.schemas(dataSource, "acme", "globex");
 * }
 * }</pre>
 *
 * @param tenants the tenants, in the order they start
 */
public record MigratorTenants(List<Tenant> tenants) {

	public MigratorTenants {
		tenants = List.copyOf(tenants);
	}

	/** These tenants. */
	public static MigratorTenants of(Tenant... tenants) {
		return new MigratorTenants(Arrays.asList(tenants));
	}

	/** One tenant per schema of one database, each named after its schema. */
	public static MigratorTenants schemas(DataSource dataSource, String... schemas) {
		return new MigratorTenants(Arrays.stream(schemas).map((schema) -> Tenant.inSchema(schema, dataSource, schema)).toList());
	}

	/** One tenant per database, named by the keys, in the map's order. */
	public static MigratorTenants dataSources(Map<String, DataSource> dataSources) {
		List<Tenant> tenants = new ArrayList<>();
		dataSources.forEach((name, dataSource) -> tenants.add(Tenant.of(name, dataSource)));
		return new MigratorTenants(tenants);
	}

}
