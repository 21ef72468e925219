package dev.migrator.autoconfigure;

import dev.migrator.core.Migrator;

/**
 * A named migrator ({@code migrator.instances.<name>.*}) beside the application's default one, with
 * its own database, runs and settings. One bean per name; the migrator itself is not a bean, so
 * that whoever asks for "the" {@link Migrator} still gets the default one.
 *
 * @param name the instance's name, as in the properties and in the endpoint's paths
 * @param migrator its migrator
 * @param activity its runs, for its health and its part of the endpoint
 * @param properties its settings: its own keys, the top-level {@code migrator.*} ones for the rest
 */
public record MigratorInstance(String name, Migrator migrator, MigrationActivity activity,
		MigratorProperties properties) {

	/** The name the default migrator goes by beside named ones (a health component, a metrics tag). */
	public static final String DEFAULT = "default";

}
