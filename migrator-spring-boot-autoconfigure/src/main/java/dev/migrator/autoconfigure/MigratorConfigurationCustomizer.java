package dev.migrator.autoconfigure;

import dev.migrator.core.Migrator;

/**
 * Callback to customize the auto-configured {@link Migrator} before it is loaded, after the
 * {@code migrator.*} properties have been applied. Customizer beans are applied in their order.
 */
@FunctionalInterface
public interface MigratorConfigurationCustomizer {

	/**
	 * Customizes the builder the {@link Migrator} bean is loaded from.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(Migrator.Builder builder);

}
