package dev.migrator.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where each setting's value comes from: the command line's options first, then the environment,
 * then the properties file given by {@code --config} (or {@code MIGRATOR_CONFIG}). Each value
 * remembers its origin, so an error can say which one to fix.
 */
final class SettingSources {

	/** The environment variable that names the properties file. */
	static final String CONFIG_VARIABLE = "MIGRATOR_CONFIG";

	private final Map<Setting, String> options;

	private final Map<String, String> environment;

	private final Properties file = new Properties();

	private final Path filePath;

	private final List<String> warnings = new ArrayList<>();

	/**
	 * @param options the values given as options (absent ones left out)
	 * @param configFile the {@code --config} option, or null
	 * @param environment the process's environment
	 */
	SettingSources(Map<Setting, String> options, Path configFile, Map<String, String> environment) {
		this.options = new EnumMap<>(Setting.class);
		this.options.putAll(options);
		this.environment = Map.copyOf(environment);
		String fromEnvironment = environment.get(CONFIG_VARIABLE);
		this.filePath = (configFile != null) ? configFile
				: (fromEnvironment != null && !fromEnvironment.isBlank()) ? Path.of(fromEnvironment) : null;
		if (this.filePath != null) {
			load(this.filePath, (configFile != null) ? "--config" : CONFIG_VARIABLE);
		}
	}

	private void load(Path path, String origin) {
		if (!Files.isRegularFile(path)) {
			throw new BadInputException("The properties file " + path.toAbsolutePath() + " (from " + origin
					+ ") does not exist or is not a file; fix the path, or leave " + origin + " out");
		}
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			this.file.load(reader);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new BadInputException("Cannot read the properties file " + path.toAbsolutePath() + ": " + ex.getMessage());
		}
		for (String key : this.file.stringPropertyNames()) {
			// Other keys may be there for the application (a shared application.properties): not ours to judge.
			if (key.startsWith("migrator.") && Setting.forKey(key) == null) {
				this.warnings.add(key + " in " + path + " is not a setting of the command line; it is ignored");
			}
		}
	}

	/** The setting's value from the first source that has one, trimmed (but a password); null when none does. */
	String value(Setting setting) {
		String option = this.options.get(setting);
		if (option != null) {
			return trimmed(setting, option);
		}
		String variable = this.environment.get(setting.environmentVariable());
		if (variable != null && !variable.isBlank()) {
			return trimmed(setting, variable);
		}
		String property = this.file.getProperty(setting.key());
		return (property != null && !property.isBlank()) ? trimmed(setting, property) : null;
	}

	// Blanks around a password may be part of it.
	private static String trimmed(Setting setting, String value) {
		return (setting == Setting.PASSWORD) ? value : value.strip();
	}

	/** Where the setting's value came from, for messages: "--url", "MIGRATOR_URL", "migrator.url in app.properties". */
	String origin(Setting setting) {
		if (this.options.get(setting) != null) {
			return setting.option();
		}
		String variable = this.environment.get(setting.environmentVariable());
		if (variable != null && !variable.isBlank()) {
			return setting.environmentVariable();
		}
		if (this.file.getProperty(setting.key()) != null) {
			return setting.key() + " in " + this.filePath;
		}
		return "the default";
	}

	/** Keys of the properties file that mean nothing to the command line. */
	List<String> warnings() {
		return List.copyOf(this.warnings);
	}

}
