package dev.migrator.autoconfigure;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code migrator.mode=migrate-and-exit} the application starts no web server: a Job or an init
 * container that migrates must never take traffic, even for the moment before it exits. A
 * {@code spring.main.web-application-type} the user set wins (it is read from here only as a default).
 */
class MigrateAndExitEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String mode = environment.getProperty("migrator.mode", "");
		if (mode.toLowerCase(Locale.ROOT).replace('_', '-').equals("migrate-and-exit")) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("migratorMigrateAndExit", Map.of("spring.main.web-application-type", "none")));
		}
	}

	// after the config data (application.properties, profiles) is loaded, so migrator.mode set there is seen
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
