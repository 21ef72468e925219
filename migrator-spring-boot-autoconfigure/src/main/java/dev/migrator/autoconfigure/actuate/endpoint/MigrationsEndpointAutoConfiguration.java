package dev.migrator.autoconfigure.actuate.endpoint;

import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.MigratorProperties;
import dev.migrator.core.Migrator;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsEndpoint}, when
 * Actuator is present and the endpoint is available (exposed and not switched off).
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean({ Migrator.class, MigrationActivity.class, MigratorProperties.class })
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(Migrator migrator, MigrationActivity activity,
			MigratorProperties properties) {
		return new MigrationsEndpoint(migrator, activity, properties.getTarget(), properties.getLock().getLease());
	}

}
