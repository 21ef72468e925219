package dev.migrator.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.MigratorInstanceListenerFactory;
import dev.migrator.core.Migrator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link MigrationMetrics}, when Micrometer
 * is present and the application has a {@link MeterRegistry}. The meters are a listener of the
 * auto-configured migrator, so they hear its first run.
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ Migrator.class, MeterRegistry.class })
@ConditionalOnBean({ Migrator.class, MeterRegistry.class })
public final class MigratorMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationMetrics migrationMetrics(MeterRegistry registry, ObjectProvider<Migrator> migrator) {
		return new MigrationMetrics(registry, migrator::getObject);
	}

	// The meters of each migrator.instances.<name>, tagged with its name.
	@Bean
	MigratorInstanceListenerFactory migrationMetricsOfInstances(MeterRegistry registry) {
		return (instance, migrator) -> new MigrationMetrics(registry, migrator, instance);
	}

}
