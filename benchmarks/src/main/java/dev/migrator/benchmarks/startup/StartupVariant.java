package dev.migrator.benchmarks.startup;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The three ways the same Spring Boot application starts: with our starter, with Spring Boot's
 * Flyway integration, with neither. Each names the jars that only it has and the properties that
 * point its tool at the generated migrations.
 */
public enum StartupVariant {

	/** Our starter: the migration runner checks the 100 applied migrations on ApplicationReadyEvent. */
	MIGRATOR("spring-boot+migrator", "migrator",
			Set.of("migrator-core", "migrator-spring-boot-autoconfigure", "migrator-spring-boot-starter")),

	/** Spring Boot's Flyway auto-configuration: Flyway validates the 100 applied migrations while the context starts. */
	FLYWAY("spring-boot+flyway", "flyway", Set.of("flyway-core", "flyway-database-postgresql", "spring-boot-flyway",
			// Flyway 12 reads its configuration with Jackson 3, a dependency of flyway-core
			"jackson-databind", "jackson-core", "jackson-annotations")),

	/** The floor: the same application with no migration tool at all. */
	ALONE("spring-boot-alone", "none", Set.of());

	private final String tool;

	private final String detected;

	private final Set<String> artifacts;

	StartupVariant(String tool, String detected, Set<String> artifacts) {
		this.tool = tool;
		this.detected = detected;
		this.artifacts = artifacts;
	}

	/** The tool name in the results. */
	public String tool() {
		return this.tool;
	}

	/** What the child application reports finding in its context: migrator, flyway or none. */
	public String detected() {
		return this.detected;
	}

	/** The artifacts (jar names without version, or reactor module names) only this variant has. */
	public Set<String> artifacts() {
		return this.artifacts;
	}

	/** Spring Boot arguments that point this variant's tool at its copy of the migrations. */
	public List<String> toolArguments(Path migratorMigrations, Path flywayMigrations) {
		return switch (this) {
			case MIGRATOR -> List.of("--migrator.locations=filesystem:" + migratorMigrations.toAbsolutePath());
			case FLYWAY -> List.of("--spring.flyway.locations=filesystem:" + flywayMigrations.toAbsolutePath());
			case ALONE -> List.of();
		};
	}

}
