package dev.migrator.autoconfigure.actuate.health;

import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.MigratorProperties;
import dev.migrator.core.Migrator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsHealthIndicator},
 * when Spring Boot's health support is present and {@code management.health.migrations.enabled} is
 * not false. The indicator joins the {@code readiness} group (made when the probes are enabled)
 * unless {@code management.health.migrations.readiness} is false.
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass({ Migrator.class, AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ Migrator.class, MigrationActivity.class, MigratorProperties.class })
@ConditionalOnEnabledHealthIndicator("migrations")
public final class MigrationsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationsHealthIndicator migrationsHealthIndicator(Migrator migrator, MigrationActivity activity,
			MigratorProperties properties) {
		return new MigrationsHealthIndicator(migrator, activity, properties.getTarget(),
				properties.getLock().getLease());
	}

	/** After Spring Boot's probes post-processor, which makes the readiness group this one adds to. */
	@Bean
	@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
	@ConditionalOnBooleanProperty(name = "management.health.migrations.readiness", matchIfMissing = true)
	static HealthEndpointGroupsPostProcessor migrationsReadinessGroupPostProcessor() {
		return (groups) -> new MigrationsReadinessGroups(groups, "migrations");
	}

}
