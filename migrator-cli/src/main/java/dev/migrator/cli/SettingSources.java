package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrator.core.api.ClosestName;

/**
 * Where each setting's value comes from: the command line's options first, then the environment,
 * then the settings file given by {@code --config} (or {@code MIGRATOR_CONFIG}): a Spring Boot
 * application's own {@code application.properties} or {@code .yml} serves, with its profile files
 * layered on top and {@code spring.datasource.*} standing in for a missing {@code migrator.url}.
 * Each value remembers its origin, so an error can say which one to fix.
 */
final class SettingSources {

	/** The environment variable that names the settings file. */
	static final String CONFIG_VARIABLE = "MIGRATOR_CONFIG";

	// Keys of the Spring Boot starter that mean nothing to a command line run: read silently.
	private static final Set<String> BOOT_ONLY_KEYS = Set.of("migrator.enabled", "migrator.target", "migrator.run-on",
			"migrator.on-failure", "migrator.dry-run", "migrator.mode");

	private static final Map<Setting, String> DATASOURCE_KEYS = Map.of(Setting.URL, "spring.datasource.url", Setting.USER,
			"spring.datasource.username", Setting.PASSWORD, "spring.datasource.password");

	// ${NAME} or ${NAME:default}, as Boot resolves them from the environment
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

	private static final String PLACEHOLDERS_PREFIX = "migrator.placeholders.";

	private final Map<Setting, String> options;

	private final Surface surface;

	private final Map<String, String> environment;

	// canonical key -> value, the profile files' values over the base file's
	private final Map<String, String> file = new LinkedHashMap<>();

	// canonical key -> the file it came from
	private final Map<String, Path> fileOf = new LinkedHashMap<>();

	private final List<String> warnings = new ArrayList<>();

	// ${name} values for Flyway-convention scripts, names as written (they are case-sensitive)
	private final Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * @param options the values given as options (absent ones left out)
	 * @param configFile the {@code --config} option, or null
	 * @param profile the {@code --profile} option, or null
	 * @param environment the process's environment
	 */
	SettingSources(Map<Setting, String> options, Path configFile, String profile, Map<String, String> environment) {
		this(options, configFile, profile, environment, Surface.COMMAND_LINE);
	}

	/** As above, for a surface other than the command line: its messages name its own options. */
	SettingSources(Map<Setting, String> options, Path configFile, String profile, Map<String, String> environment,
			Surface surface) {
		this.options = new EnumMap<>(Setting.class);
		this.options.putAll(options);
		this.surface = surface;
		this.environment = Map.copyOf(environment);
		String fromEnvironment = environment.get(CONFIG_VARIABLE);
		Path path = (configFile != null) ? configFile
				: (fromEnvironment != null && !fromEnvironment.isBlank()) ? surface.base().resolve(fromEnvironment) : null;
		if (path != null) {
			load(path, (configFile != null) ? surface.config() : CONFIG_VARIABLE, profile);
		}
		else if (profile != null) {
			throw new BadInputException(surface.profile() + " " + profile + " needs a settings file to layer on: give "
					+ surface.config() + " application.properties (or MIGRATOR_CONFIG)");
		}
	}

	SettingSources(Map<Setting, String> options, Path configFile, Map<String, String> environment) {
		this(options, configFile, null, environment);
	}

	private void load(Path path, String origin, String profileOption) {
		Map<String, String> base = ConfigFile.read(path, List.of(), origin);
		String active = (profileOption != null) ? profileOption : this.environment.get("SPRING_PROFILES_ACTIVE");
		String activeOrigin = (profileOption != null) ? this.surface.profile() : "SPRING_PROFILES_ACTIVE";
		if (active == null && base.get("spring.profiles.active") != null) {
			active = base.get("spring.profiles.active");
			activeOrigin = "spring.profiles.active in " + path;
		}
		List<String> profiles = (active == null) ? List.of()
				: Arrays.stream(active.split(",")).map(String::strip).filter((p) -> !p.isEmpty()).toList();
		if (!profiles.isEmpty() && ConfigFile.isYaml(path)) {
			// documents activated on a profile are in the base file itself
			base = ConfigFile.read(path, profiles, origin);
		}
		put(base, path);
		for (String profile : profiles) {
			Path profileFile = profileFile(path, profile);
			if (profileFile == null) {
				String message = "No " + profileName(path, profile, "properties") + " or " + profileName(path, profile, "yml")
						+ " beside " + path + " for the profile '" + profile + "' (from " + activeOrigin + ")"
						+ profilesThere(path);
				if (profileOption != null) {
					throw new BadInputException(message + "; check the profile's name");
				}
				this.warnings.add(message + "; only " + path.getFileName() + " is read");
				continue;
			}
			put(ConfigFile.read(profileFile, profiles, activeOrigin), profileFile);
		}
		warnAboutUnknownKeys();
	}

	private void put(Map<String, String> values, Path from) {
		values.forEach((key, value) -> {
			String canonical = canonical(key);
			if (canonical.startsWith(PLACEHOLDERS_PREFIX)) {
				this.placeholders.put(key.substring(PLACEHOLDERS_PREFIX.length()), value);
				return;
			}
			this.file.put(canonical, value);
			this.fileOf.put(canonical, from);
		});
	}

	/** The profile's file beside the base one: its .properties, else its .yml or .yaml, as Boot looks. */
	private static Path profileFile(Path base, String profile) {
		for (String extension : List.of("properties", "yml", "yaml")) {
			Path candidate = base.resolveSibling(profileName(base, profile, extension));
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static String profileName(Path base, String profile, String extension) {
		String name = base.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return ((dot > 0) ? name.substring(0, dot) : name) + "-" + profile + "." + extension;
	}

	private static String profilesThere(Path base) {
		String name = base.getFileName().toString();
		String stem = ((name.lastIndexOf('.') > 0) ? name.substring(0, name.lastIndexOf('.')) : name) + "-";
		try (var files = Files.list(base.toAbsolutePath().getParent())) {
			List<String> found = files.map((p) -> p.getFileName().toString())
				.filter((n) -> n.startsWith(stem) && n.matches(".*\\.(properties|ya?ml)"))
				.map((n) -> n.substring(stem.length(), n.lastIndexOf('.')))
				.distinct()
				.sorted()
				.toList();
			return found.isEmpty() ? "" : " (profiles there: " + String.join(", ", found) + ")";
		}
		catch (java.io.IOException ex) {
			return "";
		}
	}

	/** The {@code --placeholder NAME=VALUE} options, over the settings file's {@code migrator.placeholders.*}. */
	void placeholderOptions(Map<String, String> given) {
		this.placeholders.putAll(given);
	}

	/** The placeholders' values, by name. */
	Map<String, String> placeholders() {
		return Map.copyOf(this.placeholders);
	}

	/** Boot's relaxed names: migrator.outOfOrder and migrator.out_of_order are migrator.out-of-order. */
	static String canonical(String key) {
		return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
	}

	private void warnAboutUnknownKeys() {
		for (String key : this.file.keySet()) {
			// other keys are there for the application (a shared application.properties): not ours to judge
			if (key.startsWith("migrator.") && Setting.forKey(key) == null && !BOOT_ONLY_KEYS.contains(key)) {
				this.warnings.add(key + " in " + this.fileOf.get(key) + " is not a setting; did you mean "
						+ closestKey(key) + "? It is ignored");
			}
		}
	}

	/** The known key nearest to a mistyped one. */
	static String closestKey(String key) {
		return ClosestName.nearest(key, Arrays.stream(Setting.values()).map(Setting::key).toList());
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
		String key = fileKey(setting);
		String property = (key != null) ? this.file.get(key) : null;
		return (property != null && !property.isBlank()) ? trimmed(setting, resolved(property, key)) : null;
	}

	/** The file's key for the setting: its migrator.* key, or spring.datasource.* when the file names no migrator.url. */
	private String fileKey(Setting setting) {
		if (this.file.containsKey(setting.key())) {
			return setting.key();
		}
		String datasource = DATASOURCE_KEYS.get(setting);
		if (datasource != null && !this.file.containsKey(Setting.URL.key()) && this.file.containsKey(datasource)) {
			return datasource;
		}
		return null;
	}

	private String resolved(String value, String key) {
		Matcher matcher = PLACEHOLDER.matcher(value);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String variable = this.environment.get(matcher.group(1));
			if (variable == null) {
				variable = this.environment.get(matcher.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
			}
			if (variable == null && matcher.group(2) == null) {
				throw new BadInputException(key + " in " + this.fileOf.get(key) + " refers to ${" + matcher.group(1)
						+ "}, which is not set in the environment; set it, or give the value with an option");
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement((variable != null) ? variable : matcher.group(2)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	// Blanks around a password may be part of it.
	private static String trimmed(Setting setting, String value) {
		return (setting == Setting.PASSWORD) ? value : value.strip();
	}

	/** Where the setting's value came from, for messages: "--url", "MIGRATOR_URL", "migrator.url in app.properties". */
	String origin(Setting setting) {
		if (this.options.get(setting) != null) {
			return this.surface.option().apply(setting);
		}
		String variable = this.environment.get(setting.environmentVariable());
		if (variable != null && !variable.isBlank()) {
			return setting.environmentVariable();
		}
		String key = fileKey(setting);
		if (key != null) {
			return key + " in " + this.fileOf.get(key);
		}
		return "the default";
	}

	/** The locations when no source gives any. */
	String defaultLocations() {
		return this.surface.defaultLocations();
	}

	/** A path a setting names, relative ones taken from the surface's base folder. */
	Path path(String value) {
		return this.surface.base().resolve(value).toAbsolutePath();
	}

	/** What the files hold that a user should hear about: unknown keys, a profile with no file. */
	List<String> warnings() {
		return List.copyOf(this.warnings);
	}

	/**
	 * How a surface names what the user gives it, for messages, and the folder its relative paths start from.
	 *
	 * @param option the name of a setting given to the surface directly
	 * @param config the name of the settings file's option
	 * @param profile the name of the profile's option
	 * @param base the folder relative paths start from
	 * @param defaultLocations the locations when no source gives any
	 */
	record Surface(Function<Setting, String> option, String config, String profile, Path base, String defaultLocations) {

		/** The command line: options by their flags, paths from the working directory, migrations in db/migration. */
		static final Surface COMMAND_LINE = new Surface(Setting::option, "--config", "--profile", Path.of(""),
				Settings.DEFAULT_LOCATION);

	}

}
