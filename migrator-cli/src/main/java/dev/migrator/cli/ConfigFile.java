package dev.migrator.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One settings file as a flat map of keys to values, as Spring Boot reads it: a {@code .properties}
 * file, or a {@code .yml}/{@code .yaml} file whose nested keys are joined with dots
 * ({@code spring: datasource: url:} is {@code spring.datasource.url}). SnakeYAML reads the YAML
 * (with its safe constructor: no types built from tags), because real files use quoting, anchors,
 * lists and several documents that a small reader would get wrong.
 */
final class ConfigFile {

	private ConfigFile() {
	}

	static boolean isYaml(Path path) {
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".yml") || name.endsWith(".yaml");
	}

	/**
	 * The file's keys and values. A YAML document with {@code spring.config.activate.on-profile} counts
	 * only when that profile is active, as in Boot.
	 */
	static Map<String, String> read(Path path, List<String> activeProfiles, String origin) {
		if (!Files.isRegularFile(path)) {
			throw new BadInputException("The settings file " + path.toAbsolutePath() + " (from " + origin
					+ ") does not exist or is not a file; fix the path, or leave " + origin + " out");
		}
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			Map<String, String> values = new LinkedHashMap<>();
			if (!isYaml(path)) {
				Properties properties = new Properties();
				properties.load(reader);
				properties.stringPropertyNames().forEach((key) -> values.put(key, properties.getProperty(key)));
				return values;
			}
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
				Map<String, String> flat = new LinkedHashMap<>();
				flatten("", document, flat);
				String onProfile = flat.get("spring.config.activate.on-profile");
				if (onProfile == null || activeProfiles.contains(onProfile.strip())) {
					values.putAll(flat);
				}
			}
			return values;
		}
		catch (IOException | IllegalArgumentException | YAMLException ex) {
			throw new BadInputException("Cannot read the settings file " + path.toAbsolutePath() + " (from " + origin
					+ "): " + ex.getMessage().strip() + "; fix the file");
		}
	}

	private static void flatten(String prefix, Object value, Map<String, String> into) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, into));
		}
		else if (value instanceof List<?> list) {
			// Boot binds a list to a comma-separated value as well (migrator.locations)
			into.put(prefix, String.join(",", list.stream().map(String::valueOf).toList()));
		}
		else if (value != null && !prefix.isEmpty()) {
			into.put(prefix, String.valueOf(value));
		}
	}

}
