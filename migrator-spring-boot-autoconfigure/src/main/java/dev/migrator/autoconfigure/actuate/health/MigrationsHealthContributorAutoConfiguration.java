package dev.migrator.autoconfigure.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.MigratorInstance;
import dev.migrator.autoconfigure.MigratorProperties;
import dev.migrator.core.Migrator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
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
	@ConditionalOnMissingBean({ MigrationsHealthIndicator.class, MigratorInstance.class })
	MigrationsHealthIndicator migrationsHealthIndicator(Migrator migrator, MigrationActivity activity,
			MigratorProperties properties) {
		return new MigrationsHealthIndicator(migrator, activity, properties.getTarget(),
				properties.getLock().getLease());
	}

	/**
	 * With {@code migrator.instances}, {@code migrations} is a composite: the default migrator as
	 * {@code default}, each instance under its name; its status is the worst of theirs.
	 */
	@Bean
	@ConditionalOnBean(MigratorInstance.class)
	@ConditionalOnMissingBean(name = "migrationsHealthContributor")
	CompositeHealthContributor migrationsHealthContributor(Migrator migrator, MigrationActivity activity,
			MigratorProperties properties, ObjectProvider<MigratorInstance> instances) {
		Map<String, HealthContributor> children = new LinkedHashMap<>();
		children.put(MigratorInstance.DEFAULT, new MigrationsHealthIndicator(migrator, activity,
				properties.getTarget(), properties.getLock().getLease()));
		instances.orderedStream()
			.forEach((instance) -> children.put(instance.name(),
					new MigrationsHealthIndicator(instance.migrator(), instance.activity(),
							instance.properties().getTarget(), instance.properties().getLock().getLease())));
		return CompositeHealthContributor.fromMap(children);
	}

	/** After Spring Boot's probes post-processor, which makes the readiness group this one adds to. */
	@Bean
	@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
	@ConditionalOnBooleanProperty(name = "management.health.migrations.readiness", matchIfMissing = true)
	static HealthEndpointGroupsPostProcessor migrationsReadinessGroupPostProcessor() {
		return (groups) -> new MigrationsReadinessGroups(groups, "migrations");
	}

}
