package dev.migrator.autoconfigure;

import java.util.function.Supplier;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.MigrationListener;

/**
 * Makes a listener for each named migrator ({@link MigratorInstance}), as the metrics do to tag
 * their meters with the instance. The {@code MigrationListener} beans listen to the default
 * migrator only: they were written for it.
 */
@FunctionalInterface
public interface MigratorInstanceListenerFactory {

	/**
	 * @param instance the instance's name
	 * @param migrator its migrator, once built
	 * @return a listener for its runs
	 */
	MigrationListener listenerFor(String instance, Supplier<Migrator> migrator);

}
