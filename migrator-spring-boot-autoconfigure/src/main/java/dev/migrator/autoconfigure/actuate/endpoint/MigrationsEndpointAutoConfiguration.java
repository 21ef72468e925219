package dev.migrator.autoconfigure.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.MigratorInstance;
import dev.migrator.autoconfigure.MigratorProperties;
import dev.migrator.autoconfigure.TenantsActivity;
import dev.migrator.core.TenantMigrators;
import dev.migrator.core.Migrator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsEndpoint}, when
 * Actuator is present and the endpoint is available (exposed and not switched off): the endpoint,
 * the check that refuses unknown keys in its writes, and the warning when its writes are open
 * with nothing to secure them.
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
@EnableConfigurationProperties(MigrationsEndpointProperties.class)
public final class MigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean({ Migrator.class, MigrationActivity.class, MigratorProperties.class })
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(Migrator migrator, MigrationActivity activity,
			MigratorProperties properties, MigrationsEndpointProperties endpointProperties,
			ObjectProvider<MigratorInstance> instances, ObjectProvider<TenantMigrators> tenants,
			ObjectProvider<TenantsActivity> tenantsActivity) {
		Map<String, MigrationsEndpoint> named = new LinkedHashMap<>();
		instances.orderedStream()
			.forEach((instance) -> named.put(instance.name(),
					new MigrationsEndpoint(instance.migrator(), instance.activity(), instance.properties().getTarget(),
							instance.properties().getLock().getLease(), endpointProperties.getShowValues(),
							endpointProperties.getRoles())));
		MigrationsEndpoint endpoint = new MigrationsEndpoint(migrator, activity, properties.getTarget(),
				properties.getLock().getLease(), endpointProperties.getShowValues(), endpointProperties.getRoles())
			.withInstances(named);
		tenants.ifAvailable((migrators) -> endpoint.tenants(migrators, tenantsActivity.getIfAvailable(TenantsActivity::new)));
		return endpoint;
	}

	@Bean
	static StrictRequestKeys migrationsStrictRequestKeys() {
		return new StrictRequestKeys(EndpointId.of("migrations"));
	}

	@Bean
	static UnguardedWritesWarning migrationsUnguardedWritesWarning(ObjectProvider<EndpointAccessResolver> access,
			ListableBeanFactory beans) {
		return new UnguardedWritesWarning(
				(id, defaultAccess) -> access.getIfAvailable(() -> (i, d) -> d).accessFor(id, defaultAccess), beans);
	}

}
