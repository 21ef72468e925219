package dev.migrator.autoconfigure.actuate.health;

import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.MigratorProperties;
import dev.migrator.core.Migrator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsHealthIndicator},
 * when Spring Boot's health support is present and {@code management.health.migrations.enabled} is
 * not false.
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class)
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

}
