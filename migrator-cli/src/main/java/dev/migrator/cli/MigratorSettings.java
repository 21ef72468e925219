package dev.migrator.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.migrator.cli.output.SecretMask;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.MigrationListener;

/**
 * The command line's settings, read the way it reads them, for another surface of the same engine
 * (the Maven plugin): the same {@code migrator.*} keys, the same {@code MIGRATOR_*} variables, the
 * same {@code application.properties}/{@code .yml} with profiles and {@code spring.datasource.*},
 * the same checks. A value that cannot work is an {@link IllegalArgumentException} whose message
 * names where it came from, in the surface's own words.
 */
public final class MigratorSettings {

	private final Settings settings;

	private final List<String> warnings;

	private final SecretMask mask;

	private MigratorSettings(Settings settings, List<String> warnings, SecretMask mask) {
		this.settings = settings;
		this.warnings = warnings;
		this.mask = mask;
	}

	/**
	 * Every key of the engine's settings, e.g. {@code migrator.url}, {@code migrator.lock.wait-timeout};
	 * not the command line's own: {@code classpath} (a build has its own class path) and the down checks
	 * ({@code verify-downs}, {@code require-down}: the {@code verify} command and {@code migrate --verify-downs}),
	 * nor {@code adopt} (a one-time step: the settings file or {@code MIGRATOR_ADOPT} serve there too).
	 */
	public static List<String> keys() {
		Set<Setting> commandLineOnly = EnumSet.of(Setting.CLASSPATH, Setting.VERIFY_DOWNS, Setting.REQUIRE_DOWN,
				Setting.ADOPT);
		return Arrays.stream(Setting.values()).filter((s) -> !commandLineOnly.contains(s)).map(Setting::key).toList();
	}

	/**
	 * Reads the settings: the given values first, then the environment, then the settings file.
	 * @param given values the surface was given, by key (absent ones left out)
	 * @param configFile the settings file, or null
	 * @param profile the active profiles, comma-separated, or null
	 * @param environment the environment variables
	 * @param base the folder relative paths start from
	 * @param nameOf how the surface names a key the user gave it directly, e.g. {@code <url>}
	 * @param configName how the surface names its settings-file option
	 * @param profileName how the surface names its profile option
	 * @param defaultLocations the locations when no source gives any, e.g. {@code classpath:db/migration}
	 * @return the settings, checked
	 */
	public static MigratorSettings read(Map<String, String> given, Path configFile, String profile,
			Map<String, String> environment, Path base, Function<String, String> nameOf, String configName,
			String profileName, String defaultLocations) {
		Map<Setting, String> options = new EnumMap<>(Setting.class);
		given.forEach((key, value) -> {
			Setting setting = Setting.forKey(key);
			if (setting == null) {
				throw new IllegalArgumentException(key + " is not a setting; did you mean "
						+ SettingSources.closestKey(key) + "?");
			}
			if (value != null) {
				options.put(setting, value);
			}
		});
		SettingSources.Surface surface = new SettingSources.Surface((setting) -> nameOf.apply(setting.key()), configName,
				profileName, base, defaultLocations);
		try {
			SettingSources sources = new SettingSources(options, configFile, profile, environment, surface);
			SecretMask mask = new SecretMask();
			return new MigratorSettings(Settings.resolve(sources, mask), sources.warnings(), mask);
		}
		catch (BadInputException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/** The JDBC URL, or null when none was given. */
	public String url() {
		return this.settings.url();
	}

	/**
	 * The same settings with another URL, e.g. a relative SQLite file made absolute.
	 * @param url the JDBC URL
	 * @return the settings with that URL
	 */
	public MigratorSettings withUrl(String url) {
		Settings s = this.settings;
		return new MigratorSettings(new Settings(url, s.user(), s.password(), s.locations(), s.locationOrigin(), s.table(),
				s.outOfOrder(), s.lockWaitTimeout(), s.backupEnabled(), s.backupDirectory(), s.engine(), s.classpath(),
				s.verifyDowns(), s.requireDown()), this.warnings,
				this.mask);
	}

	/** The locations, folders as {@code filesystem:} and absolute. */
	public List<String> locations() {
		return this.settings.locations();
	}

	/** Where the locations came from, for messages: a key and its file, a variable, or "the default". */
	public String locationsOrigin() {
		return this.settings.locationOrigin();
	}

	/** The folders among the locations, in order. */
	public List<Path> folders() {
		return this.settings.folders();
	}

	/** What the settings files hold that the user should hear about: unknown keys, a profile with no file. */
	public List<String> warnings() {
		return this.warnings;
	}

	/**
	 * The engine, configured.
	 * @param classLoader what {@code classpath:} locations are read through
	 * @param listeners told of each migration as it runs
	 * @return the engine; it has opened no connection yet
	 */
	public Migrator migrator(ClassLoader classLoader, MigrationListener... listeners) {
		try {
			return this.settings.migrator(true, classLoader, listeners);
		}
		catch (BadInputException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * Writes the next-numbered up, down and verify files into the first folder, numbered after the
	 * highest version in all of them, as {@code create} does.
	 * @param folders the migration folders
	 * @param name what the migration does, e.g. {@code add task tags}
	 * @return the files written
	 */
	public static List<Path> createMigration(List<Path> folders, String name) {
		try {
			return NewMigrationFiles.plan(folders, name).write();
		}
		catch (BadInputException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * The text with the password blanked, as the command line blanks its output: the given one, and
	 * any that stands as a value (a URL's {@code ?password=}, its {@code user:secret@}).
	 * @param text what is about to be shown
	 * @return the text, safe to show
	 */
	public String masked(String text) {
		return this.mask.apply(text);
	}

	/** Never the password. */
	@Override
	public String toString() {
		return this.settings.toString();
	}

}
