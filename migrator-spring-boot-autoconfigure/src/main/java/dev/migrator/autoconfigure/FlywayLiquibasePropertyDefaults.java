package dev.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * An application switching from Flyway or Liquibase keeps its {@code spring.flyway.locations},
 * {@code spring.flyway.placeholders.*} and {@code spring.liquibase.change-log} (the folder of the
 * changelog): they become the defaults of {@code migrator.locations} and {@code migrator.placeholders.*},
 * in a property source after every other, so any {@code migrator.*} value the user sets wins (placeholders
 * key by key). {@code spring.flyway.table} is not read: it names Flyway's history, which Migrator only
 * reads when adopting, never its own.
 */
class FlywayLiquibasePropertyDefaults implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "migratorDefaultsFromFlywayLiquibase";

	private final Log logger;

	FlywayLiquibasePropertyDefaults(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(FlywayLiquibasePropertyDefaults.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		Map<String, Object> defaults = new LinkedHashMap<>();
		List<String> used = new ArrayList<>();
		if (!binder.bind("migrator.locations", Bindable.listOf(String.class)).isBound()) {
			List<String> locations = new ArrayList<>();
			binder.bind("spring.flyway.locations", Bindable.listOf(String.class)).ifBound((flyway) -> {
				locations.addAll(flyway);
				used.add("spring.flyway.locations");
			});
			binder.bind("spring.liquibase.change-log", String.class).ifBound((changeLog) -> {
				locations.add(folderOf(changeLog));
				used.add("spring.liquibase.change-log");
			});
			if (!locations.isEmpty()) {
				defaults.put("migrator.locations", String.join(",", locations));
			}
		}
		Map<String, String> own = binder.bind("migrator.placeholders", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		binder.bind("spring.flyway.placeholders", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.forEach((name, value) -> {
				if (!own.containsKey(name)) {
					defaults.put("migrator.placeholders." + name, value);
					used.add("spring.flyway.placeholders." + name);
				}
			});
		binder.bind("spring.flyway.table", String.class)
			.ifBound((table) -> this.logger.warn("spring.flyway.table=" + table + " is not read: it names Flyway's "
					+ "history, and migrator.adopt=flyway takes over flyway_schema_history only; Migrator keeps its own "
					+ "in migrator.table"));
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
			this.logger.info("Migrator read " + String.join(", ", used) + " as defaults ("
					+ describe(defaults) + "); a migrator.* property set to another value wins");
		}
	}

	// the changelog's folder: Migrator reads every .sql file of a location in name order, as includeAll does
	private static String folderOf(String changeLog) {
		int slash = changeLog.lastIndexOf('/');
		if (slash >= 0) {
			return changeLog.substring(0, slash);
		}
		int colon = changeLog.indexOf(':');
		return (colon >= 0) ? changeLog.substring(0, colon + 1) : "";
	}

	private static String describe(Map<String, Object> defaults) {
		List<String> parts = new ArrayList<>();
		defaults.forEach((name, value) -> parts
			.add(name.startsWith("migrator.placeholders.") ? name : name + "=" + value));
		return String.join(", ", parts);
	}

	// after the config data (application.properties, profiles) is loaded, so both tools' properties are seen
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
