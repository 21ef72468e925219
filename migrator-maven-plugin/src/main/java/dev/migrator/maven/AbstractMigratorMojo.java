package dev.migrator.maven;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.migrator.cli.MigratorSettings;
import dev.migrator.cli.output.SecretMask;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigratorException;

/**
 * The settings every goal shares. Each parameter is a {@code migrator.*} key of the command line and
 * of {@code application.properties}, in camel case ({@code migrator.lock.wait-timeout} is
 * {@code <lockWaitTimeout>}) and as a user property ({@code -Dmigrator.lock.wait-timeout=30s}).
 * What the configuration leaves out comes from the {@code MIGRATOR_*} environment variables, then
 * from the {@link #configFile}. Values are text, read and checked as the command line reads them.
 */
abstract class AbstractMigratorMojo extends AbstractMojo {

	/** As in a Spring Boot application: the project's src/main/resources/db/migration, through the classpath. */
	static final String DEFAULT_LOCATIONS = "classpath:db/migration";

	/** The database, e.g. {@code jdbc:sqlite:target/app.db}; a relative SQLite file is under the project's folder. */
	@Parameter(property = "migrator.url")
	String url;

	/** The database user. */
	@Parameter(property = "migrator.user")
	String user;

	/** The password; prefer {@code MIGRATOR_PASSWORD} or {@link #passwordFile} to a password in the pom. */
	@Parameter(property = "migrator.password")
	String password;

	/** A file holding the password. */
	@Parameter(property = "migrator.password-file")
	String passwordFile;

	/** Comma-separated folders ({@code filesystem:} or bare, relative to the project) or {@code classpath:} locations. */
	@Parameter(property = "migrator.locations")
	String locations;

	/** The history table. */
	@Parameter(property = "migrator.table")
	String table;

	/** Whether pending versions below the current one may be applied. */
	@Parameter(property = "migrator.out-of-order")
	String outOfOrder;

	/** How long to wait for another runner's lock, e.g. {@code 30s}. */
	@Parameter(property = "migrator.lock.wait-timeout")
	String lockWaitTimeout;

	/** Whether to back up before a changing run. */
	@Parameter(property = "migrator.backup.enabled")
	String backupEnabled;

	/** Where backups go. */
	@Parameter(property = "migrator.backup.directory")
	String backupDirectory;

	/** Whether backups are compressed. */
	@Parameter(property = "migrator.backup.compress")
	String backupCompress;

	/** How many backups to keep. */
	@Parameter(property = "migrator.backup.retention.count")
	String backupRetentionCount;

	/** How long to keep backups. */
	@Parameter(property = "migrator.backup.retention.age")
	String backupRetentionAge;

	/** The dump tool for PostgreSQL and MySQL backups. */
	@Parameter(property = "migrator.backup.dump-tool")
	String backupDumpTool;

	/** PostgreSQL: the schema of the history and the migrations. */
	@Parameter(property = "migrator.schema")
	String schema;

	/** {@code per-migration} or {@code all}. */
	@Parameter(property = "migrator.transaction")
	String transaction;

	/** Whether files in the locations that are not migrations are refused. */
	@Parameter(property = "migrator.fail-on-stray-files")
	String failOnStrayFiles;

	/** Whether applied migrations whose files are gone are accepted. */
	@Parameter(property = "migrator.ignore-missing-migrations")
	String ignoreMissingMigrations;

	/** The database's own check after a changing run: {@code none}, {@code quick} or {@code full}. */
	@Parameter(property = "migrator.integrity-check")
	String integrityCheck;

	/** {@code auto}, {@code session}, {@code transaction} or {@code table}. */
	@Parameter(property = "migrator.lock.mode")
	String lockMode;

	/** How long a lock-table lock lasts without renewal. */
	@Parameter(property = "migrator.lock.lease")
	String lockLease;

	/** How long to wait at most behind a live runner whose lock heartbeat keeps moving (default 24h). */
	@Parameter(property = "migrator.lock.max-wait")
	String lockMaxWait;

	/** How long a migration waits for a table lock another session holds. */
	@Parameter(property = "migrator.migration-lock-timeout")
	String migrationLockTimeout;

	/** The longest one statement may run. */
	@Parameter(property = "migrator.statement-timeout")
	String statementTimeout;

	/**
	 * A settings file: {@code migrator.*} keys, or a Spring Boot {@code application.properties} or
	 * {@code .yml} with {@code spring.datasource.*}, e.g. {@code src/main/resources/application.properties}.
	 */
	@Parameter(property = "migrator.config")
	File configFile;

	/** The active profiles, comma-separated: their {@code application-<profile>} files are read over the config file. */
	@Parameter(property = "migrator.profile")
	String profile;

	/** Skips the goal. */
	@Parameter(property = "migrator.skip", defaultValue = "false")
	boolean skip;

	@Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
	File basedir;

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	MavenProject project;

	@Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
	MojoExecution mojoExecution;

	// the project's classpath while a goal runs
	private ClassLoader classpath;

	// blanks passwords: those standing as values until the settings are read, then the given one too
	private UnaryOperator<String> mask = new SecretMask()::apply;

	@Override
	public Log getLog() {
		return new MaskedLog(super.getLog(), this.mask);
	}

	@Override
	public final void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipped (migrator.skip)");
			return;
		}
		ConfigurationCheck.refuseUnknownParameters(this.project, this.mojoExecution);
		try {
			MigratorSettings settings = MigratorSettings.read(given(),
					(this.configFile != null) ? this.configFile.toPath() : null, this.profile, System.getenv(),
					this.basedir.toPath(), ParameterNames::of, "<configFile>", "<profile>", DEFAULT_LOCATIONS);
			this.mask = settings::masked;
			settings.warnings().forEach(getLog()::warn);
			try (URLClassLoader classpath = ProjectClassLoader.of(this.project, getClass().getClassLoader())) {
				this.classpath = classpath;
				requireLocations(settings);
				run(settings.withUrl(SqliteUrl.underBasedir(settings.url(), this.basedir.toPath())));
			}
			catch (IOException ex) {
				// closing the loader of folders: nothing to lose, nothing a user could do
				getLog().debug(ex);
			}
		}
		catch (IllegalArgumentException | MojoExecutionException ex) {
			throw new MojoExecutionException(this.mask.apply(ex.getMessage()), cause(ex));
		}
		catch (MigratorException | MojoFailureException ex) {
			throw new MojoFailureException(this.mask.apply(ex.getMessage()), cause(ex));
		}
	}

	/** The exception as the cause, unless its message held a password: Maven shows causes with -e. */
	private Throwable cause(Exception ex) {
		return (ex.getMessage() == null || this.mask.apply(ex.getMessage()).equals(ex.getMessage())) ? ex : null;
	}

	/** Runs the goal with the settings read. */
	abstract void run(MigratorSettings settings) throws MojoExecutionException, MojoFailureException;

	/** The values the configuration gives, by key; the fields are named after the keys. */
	private Map<String, String> given() {
		Map<String, String> given = new LinkedHashMap<>();
		for (String key : MigratorSettings.keys()) {
			String value = fieldValue(ParameterNames.field(key));
			if (value != null) {
				given.put(key, value);
			}
		}
		return given;
	}

	private String fieldValue(String name) {
		try {
			Field field = AbstractMigratorMojo.class.getDeclaredField(name);
			return (String) field.get(this);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("The plugin has no parameter " + name + " for a setting of the engine", ex);
		}
	}

	/**
	 * The engine, reading {@code classpath:} locations from the project's resource folders (the build
	 * may not have copied them to target/classes yet) and its output folder.
	 */
	Migrator migrator(MigratorSettings settings, MigrationListener... listeners) {
		return settings.migrator(this.classpath, listeners);
	}

	/**
	 * The folders of the locations: {@code filesystem:} ones as they are, {@code classpath:} ones in
	 * the project's first resource folder (where create writes).
	 */
	List<Path> folders(MigratorSettings settings) {
		List<Path> folders = new ArrayList<>();
		List<Path> resources = ProjectClassLoader.resourceFolders(this.project);
		for (String location : settings.locations()) {
			if (location.startsWith("filesystem:")) {
				folders.add(Path.of(location.substring("filesystem:".length())));
			}
			else if (location.startsWith("classpath:") && !resources.isEmpty()) {
				folders.add(resources.get(0).resolve(location.substring("classpath:".length()).replaceFirst("^/+", "")));
			}
		}
		return folders;
	}

	/** Refuses to run without a database, naming the ways to give one. */
	static String requireUrl(MigratorSettings settings) throws MojoExecutionException {
		if (settings.url() == null) {
			throw new MojoExecutionException("No database given: set <url> in the plugin's configuration (or"
					+ " -Dmigrator.url, MIGRATOR_URL, or migrator.url / spring.datasource.url in the <configFile>),"
					+ " e.g. <url>jdbc:sqlite:target/app.db</url>");
		}
		return settings.url();
	}

	/**
	 * Refuses a location that is nowhere: a typo would otherwise read as "no migrations". A
	 * {@code classpath:} one is looked for in the resource folders and the output folder.
	 */
	private void requireLocations(MigratorSettings settings) throws MojoExecutionException {
		List<Path> classpathFolders = new ArrayList<>(ProjectClassLoader.resourceFolders(this.project));
		classpathFolders.add(Path.of(this.project.getBuild().getOutputDirectory()));
		for (String location : settings.locations()) {
			if (location.startsWith("filesystem:")) {
				Path folder = Path.of(location.substring("filesystem:".length()));
				if (!Files.isDirectory(folder)) {
					throw new MojoExecutionException("The migration location " + folder + " (from "
							+ settings.locationsOrigin() + ") is not a folder that exists; set <locations> to the folder"
							+ " holding the migrations");
				}
			}
			else if (location.startsWith("classpath:")) {
				String path = location.substring("classpath:".length()).replaceFirst("^/+", "");
				if (classpathFolders.stream().noneMatch((folder) -> Files.isDirectory(folder.resolve(path)))) {
					throw new MojoExecutionException("The migration location " + location + " (from "
							+ settings.locationsOrigin() + ") is in none of " + classpathFolders + "; put the migrations in "
							+ classpathFolders.get(0).resolve(path) + ", or set <locations> to the folder holding them");
				}
			}
		}
	}

}
