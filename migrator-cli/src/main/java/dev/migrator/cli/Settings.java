package dev.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrator.cli.output.SecretMask;
import dev.migrator.core.Migrator;
import dev.migrator.core.TenantMigrators;
import dev.migrator.core.api.Tenant;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigratorException;

/**
 * The settings of one invocation, resolved from their sources and checked: a bad value is a
 * {@link BadInputException} naming where it came from, before anything touches the database.
 *
 * @param url the JDBC URL, or null when none was given
 * @param user the database user, or null
 * @param password the password, or null; never shown anywhere
 * @param locations the migration locations, {@code filesystem:} ones made absolute
 * @param locationOrigin where the locations came from, for messages
 * @param table the history table, or null for the engine's default
 * @param outOfOrder whether pending versions below the current one may be applied
 * @param lockWaitTimeout how long to wait for the lock, or null for the engine's default
 * @param backupEnabled whether to back up before changing runs, or null for the engine's default
 * @param backupDirectory where backups go, or null for the engine's default
 * @param engine the engine's other settings
 * @param classpath the application's code ({@code --classpath}), or null
 * @param verifyDowns whether migrate first checks the pending migrations' downs
 * @param requireDown whether a pending migration without a down is refused (checked with the downs)
 */
record Settings(String url, String user, String password, List<String> locations, String locationOrigin, String table,
		boolean outOfOrder, Duration lockWaitTimeout, Boolean backupEnabled, Path backupDirectory, EngineSettings engine,
		ClasspathSetting classpath, boolean verifyDowns, boolean requireDown) {

	/** Where migrations are when nothing says otherwise: a folder under the working directory. */
	static final String DEFAULT_LOCATION = "db/migration";

	/** Where they are when the application's code is given: where the Spring Boot starter looks. */
	static final String DEFAULT_CLASSPATH_LOCATION = "classpath:db/migration";

	private static final String FILESYSTEM = "filesystem:";

	private static final String CLASSPATH = "classpath:";

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?", Pattern.CASE_INSENSITIVE);

	/** Resolves every setting, registering each secret with the mask as soon as it is known. */
	static Settings resolve(SettingSources sources, SecretMask mask) {
		String password = sources.value(Setting.PASSWORD);
		String passwordFile = sources.value(Setting.PASSWORD_FILE);
		if (password == null && passwordFile != null) {
			password = readPasswordFile(sources.path(passwordFile), sources.origin(Setting.PASSWORD_FILE));
		}
		mask.add(password);
		String url = sources.value(Setting.URL);
		String locations = sources.value(Setting.LOCATIONS);
		String classpath = sources.value(Setting.CLASSPATH);
		return new Settings(url, sources.value(Setting.USER), password,
				locations(sources, locations != null ? locations
						: (classpath != null) ? DEFAULT_CLASSPATH_LOCATION : sources.defaultLocations()),
				(locations != null) ? sources.origin(Setting.LOCATIONS) : "the default", sources.value(Setting.TABLE),
				bool(sources, Setting.OUT_OF_ORDER, false), duration(sources, Setting.LOCK_WAIT_TIMEOUT),
				(sources.value(Setting.BACKUP_ENABLED) != null) ? bool(sources, Setting.BACKUP_ENABLED, true) : null,
				(sources.value(Setting.BACKUP_DIRECTORY) != null)
						? sources.path(sources.value(Setting.BACKUP_DIRECTORY)) : null,
				EngineSettings.resolve(sources),
				(classpath != null) ? new ClasspathSetting(classpath, sources.origin(Setting.CLASSPATH)) : null,
				bool(sources, Setting.VERIFY_DOWNS, false), bool(sources, Setting.REQUIRE_DOWN, false));
	}

	private static String readPasswordFile(Path file, String origin) {
		try {
			// One trailing line break is what editors and `echo` leave; it is not part of the password.
			return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\R\\z", "");
		}
		catch (IOException ex) {
			throw new BadInputException("Cannot read the password file " + file.toAbsolutePath() + " (from " + origin
					+ "): " + ex.getClass().getSimpleName() + "; check the path and that this user may read it");
		}
	}

	private static List<String> locations(SettingSources sources, String text) {
		List<String> locations = new ArrayList<>();
		for (String entry : text.split(",")) {
			String location = entry.strip();
			if (location.isEmpty()) {
				continue;
			}
			if (location.startsWith(CLASSPATH)) {
				locations.add(location);
			}
			else {
				// A bare path means a folder: the jar's own classpath holds no migrations.
				String path = location.startsWith(FILESYSTEM) ? location.substring(FILESYSTEM.length()) : location;
				locations.add(FILESYSTEM + sources.path(path).normalize());
			}
		}
		return List.copyOf(locations);
	}

	static boolean bool(SettingSources sources, Setting setting, boolean absent) {
		String value = sources.value(setting);
		if (value == null) {
			return absent;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "yes", "on", "1" -> true;
			case "false", "no", "off", "0" -> false;
			default -> throw new BadInputException("'" + value + "' (from " + sources.origin(setting)
					+ ") is not true or false");
		};
	}

	static Duration duration(SettingSources sources, Setting setting) {
		String value = sources.value(setting);
		if (value == null) {
			return null;
		}
		Matcher matcher = DURATION.matcher(value);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			String unit = (matcher.group(2) != null) ? matcher.group(2).toLowerCase(Locale.ROOT) : "ms";
			return switch (unit) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m", "min" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(value);
		}
		catch (RuntimeException ex) {
			throw new BadInputException("'" + value + "' (from " + sources.origin(setting)
					+ ") is not a duration: use e.g. 500ms, 30s, 2m, 1h or PT2M");
		}
	}

	/** The folders among the locations, in order. */
	List<Path> folders() {
		return this.locations.stream()
			.filter((location) -> location.startsWith(FILESYSTEM))
			.map((location) -> Path.of(location.substring(FILESYSTEM.length())))
			.toList();
	}

	/** Refuses a folder location that does not exist: a typo would otherwise read as "no migrations". */
	void requireLocations() {
		for (Path folder : folders()) {
			if (!Files.isDirectory(folder)) {
				throw new BadInputException("The migration location " + folder + " (from " + this.locationOrigin
						+ ") is not a folder that exists; give the folder holding the migrations with --locations"
						+ " (or MIGRATOR_LOCATIONS, or migrator.locations in the --config file)");
			}
		}
	}

	/** Refuses a missing or malformed URL, and one no driver in the jar understands. */
	Driver requireDriver() {
		if (this.url == null) {
			throw new BadInputException("No database given: use --url (or MIGRATOR_URL, or migrator.url in a --config"
					+ " file), e.g. --url jdbc:sqlite:app.db");
		}
		if (!this.url.startsWith("jdbc:")) {
			throw new BadInputException("'" + this.url + "' is not a JDBC URL: it starts with jdbc:, e.g. jdbc:sqlite:app.db,"
					+ " jdbc:postgresql://host:5432/app or jdbc:mariadb://host:3306/app");
		}
		try {
			return DriverManager.getDriver(this.url);
		}
		catch (SQLException ex) {
			throw new BadInputException("No driver in this jar accepts the URL " + this.url + "; it has SQLite (jdbc:sqlite:),"
					+ " PostgreSQL (jdbc:postgresql:) and MariaDB/MySQL (jdbc:mariadb:)");
		}
	}

	/**
	 * Opens and closes one connection, so an unreachable database or a refused login is told apart
	 * from a failure of the command itself, with its own exit code.
	 */
	void requireConnection() {
		Driver driver = requireDriver();
		Properties properties = new Properties();
		if (this.user != null) {
			properties.setProperty("user", this.user);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		try (Connection connection = driver.connect(this.url, properties)) {
			if (connection == null) {
				throw new BadInputException("The driver for " + this.url + " does not accept it as a URL");
			}
		}
		catch (SQLException ex) {
			throw new ConnectionFailedException("Could not connect to the database (" + this.url + "): " + ex.getMessage()
					+ "; check the URL, the user and the password, and that the database is reachable", ex);
		}
	}

	/** The engine, configured with these settings. */
	Migrator migrator(MigrationListener... listeners) {
		return migrator(true, listeners);
	}

	/**
	 * The engine; without {@code readsMigrations} it sees no migration files at all, so listing and
	 * restoring backups work even while a script in the folder is broken, which is when they are needed.
	 */
	Migrator migrator(boolean readsMigrations, MigrationListener... listeners) {
		return migrator(readsMigrations, null, listeners);
	}

	/** As above, {@code classpath:} locations read through the given loader (null: the engine's default). */
	Migrator migrator(boolean readsMigrations, ClassLoader classLoader, MigrationListener... listeners) {
		return load(() -> builder(readsMigrations, classLoader, listeners).url(this.url, this.user, this.password).load());
	}

	/** One engine per tenant, each with these settings on its own URL; the user and password are the same for all. */
	TenantMigrators tenants(List<TenantsFile.Line> lines) {
		return load(() -> builder(true, null).loadTenants(lines.stream()
			.map((line) -> new Tenant(line.name(),
					// the engine's own DataSource for a URL, as for --url
					Migrator.configure().url(line.url(), this.user, this.password).configuration().dataSource(),
					line.schema()))
			.toList()));
	}

	private <T> T load(java.util.function.Supplier<T> engine) {
		try {
			return engine.get();
		}
		catch (MigratorException ex) {
			// load() only checks the settings (it opens no connection): what it refuses is a bad value
			throw new BadInputException(ex.getMessage(), ex);
		}
	}

	private Migrator.Builder builder(boolean readsMigrations, ClassLoader classLoader, MigrationListener... listeners) {
		Migrator.Builder builder = Migrator.configure()
			.locations(readsMigrations ? this.locations.toArray(String[]::new) : new String[0])
			.outOfOrder(this.outOfOrder)
			.listeners(listeners);
		if (classLoader != null) {
			builder.classLoader(classLoader);
		}
		if (this.table != null) {
			builder.table(this.table);
		}
		if (this.lockWaitTimeout != null) {
			builder.lockWaitTimeout(this.lockWaitTimeout);
		}
		if (this.backupEnabled != null) {
			builder.backupEnabled(this.backupEnabled);
		}
		if (this.backupDirectory != null) {
			builder.backupDirectory(this.backupDirectory);
		}
		if (readsMigrations && this.classpath != null) {
			this.classpath.applyTo(builder);
		}
		this.engine.applyTo(builder);
		return builder;
	}

	/** Never the password, even by accident. */
	@Override
	public String toString() {
		return "Settings[url=" + this.url + ", user=" + this.user + ", locations=" + this.locations + "]";
	}

}
