package dev.migrator.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Keeps the migration scripts of the default location ({@code db/migration}, with its {@code {vendor}}
 * folders) in a native image, as Spring Boot does for Flyway's. The configured locations, the index
 * that lists their files and the Java migrations are kept by {@link MigrationIndexAotProcessor}.
 */
class MigratorRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern("db/migration/**");
	}

}
