package dev.migrator.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Keeps the migration scripts of the default location ({@code db/migration}, with its {@code {vendor}}
 * folders) in a native image, as Spring Boot does for Flyway's. Scripts elsewhere need a hint of the
 * application's own; and listing a classpath folder at run time does not work in a native image yet.
 */
class MigratorRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern("db/migration/**");
	}

}
