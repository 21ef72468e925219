package dev.migrator.core.internal.resolve;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidationException;

/**
 * Turns the configured locations and Java migrations into one list of migrations in version
 * order. Every problem in the code (bad names, duplicate versions, orphan downs, bad directives)
 * is collected and reported at once.
 */
public final class MigrationResolver {

	private static final Pattern FILE_NAME = Pattern.compile("(\\d+(?:\\.\\d+)*)_(.+?)(\\.down|\\.verify)?\\.sql");

	/** Names that look like an attempt at a versioned migration (ours or Flyway's). */
	private static final Pattern LOOKS_VERSIONED = Pattern.compile("(?i)(\\d|[vur]\\d|r__).*");

	/** Stands for the database's vendor in a location: {@code classpath:db/migration/{vendor}}. */
	public static final String VENDOR_PLACEHOLDER = "{vendor}";

	private final Configuration configuration;

	private final String vendor;

	/** Without a database: a location with {@code {vendor}} is then a problem. */
	public MigrationResolver(Configuration configuration) {
		this(configuration, null);
	}

	/**
	 * @param vendor what {@code {vendor}} in a location stands for ({@code postgresql}, {@code sqlite},
	 * {@code mysql}, {@code mariadb}); null where no database is known, which such a location then needs
	 */
	public MigrationResolver(Configuration configuration, String vendor) {
		this.configuration = configuration;
		this.vendor = vendor;
	}

	/** Every migration in the code; any problem in the code fails, naming each one. */
	public Resolution resolve() {
		Resolution resolution = resolveReporting();
		if (!resolution.problems().isEmpty()) {
			throw new ValidationException(resolution.problems());
		}
		return resolution;
	}

	/**
	 * The migrations that could be read, with the problems that left the others out: for reports
	 * (info, status, the Actuator endpoint) that must still say what they can when a file is broken.
	 */
	public Resolution resolveReporting() {
		List<String> problems = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		Map<MigrationVersion, Parts> byVersion = new TreeMap<>();
		List<String> emptyFilesystemLocations = new ArrayList<>();
		LocationScanner scanner = new LocationScanner(this.configuration.classLoader());
		for (String text : this.configuration.locations()) {
			if (text != null && text.contains(VENDOR_PLACEHOLDER)) {
				if (this.vendor == null) {
					problems.add("Location " + text + " names the database vendor, and no database is known here;"
							+ " connect to one, or write the vendor's folder (postgresql, sqlite, mysql, mariadb)");
					continue;
				}
				text = text.replace(VENDOR_PLACEHOLDER, this.vendor);
			}
			Location location = Location.parse(text);
			List<ScriptResource> resources = scanner.scan(location);
			if (resources.isEmpty()) {
				warnings.add("No migrations found at " + location);
				if (location.kind() == Location.Kind.FILESYSTEM) {
					emptyFilesystemLocations.add(LocationScanner.describe(location));
				}
			}
			for (ScriptResource resource : resources) {
				classify(resource, byVersion, problems, warnings);
			}
		}
		Map<MigrationVersion, ResolvedMigration> resolved = new TreeMap<>();
		for (Map.Entry<MigrationVersion, Parts> entry : byVersion.entrySet()) {
			ResolvedMigration migration = entry.getValue().toMigration(entry.getKey(), problems, warnings);
			if (migration != null) {
				resolved.put(entry.getKey(), migration);
			}
		}
		for (JavaMigration java : this.configuration.javaMigrations()) {
			addJava(java, resolved, problems);
		}
		if (this.configuration.transactionMode() == TransactionMode.ALL) {
			for (ResolvedMigration migration : resolved.values()) {
				if (migration.up() != null
						&& (migration.up().lockTimeout() != null || migration.up().statementTimeout() != null)) {
					warnings.add(migration.script() + ": its lock-timeout and statement-timeout directives have no effect"
							+ " in transaction mode ALL, where one transaction runs every migration with the configured"
							+ " timeouts (migrator.migration-lock-timeout, migrator.statement-timeout)");
				}
			}
		}
		for (String name : scanner.notSql()) {
			if (this.configuration.failOnStrayFiles()) {
				problems.add(name + ": is not a .sql file, so it is not a migration; rename it to end in .sql, or move"
						+ " it out of the migration locations");
			}
			else {
				warnings.add(name + ": is not a .sql file, so it is not a migration and was ignored; if it is one,"
						+ " rename it to end in .sql");
			}
		}
		return new Resolution(new ArrayList<>(resolved.values()), warnings, problems, emptyFilesystemLocations);
	}

	private void classify(ScriptResource resource, Map<MigrationVersion, Parts> byVersion, List<String> problems,
			List<String> warnings) {
		Matcher name = FILE_NAME.matcher(resource.fileName());
		if (!name.matches() || name.group(2).replace('_', ' ').isBlank()) {
			String hint = resource.name() + ": the name does not match <version>_<description>.sql "
					+ "(e.g. 001_create_users.sql, with .down.sql / .verify.sql for the rollback and checks)";
			if (LOOKS_VERSIONED.matcher(resource.fileName()).matches()) {
				problems.add(hint + "; rename the file");
			}
			else if (this.configuration.failOnStrayFiles()) {
				problems.add(hint + "; rename it, or move it out of the migration locations");
			}
			else {
				warnings.add(hint + "; it was ignored");
			}
			return;
		}
		MigrationVersion version = MigrationVersion.parse(name.group(1));
		if (version.isEmpty()) {
			problems.add(resource.name() + ": version " + name.group(1)
					+ " is reserved for the empty database; start at 1");
			return;
		}
		String text = null;
		LargeScript large = null;
		if (resource.size() > LargeScript.THRESHOLD_BYTES) {
			large = LargeScript.scan(resource, problems, warnings);
			if (large == null) {
				return;
			}
		}
		else {
			text = decode(resource, problems);
			if (text == null) {
				return;
			}
		}
		Parts parts = byVersion.computeIfAbsent(version, (v) -> new Parts());
		String suffix = name.group(3);
		String base = name.group(1) + "_" + name.group(2);
		NamedText named = new NamedText(resource, base, name.group(2), text, large);
		if (suffix == null) {
			if (parts.up != null) {
				problems.add("Two migrations have version " + version + ": " + parts.up.resource.origin() + " and "
						+ resource.origin() + "; give one of them another version");
				return;
			}
			parts.up = named;
		}
		else if (suffix.equals(".down")) {
			parts.downs.add(named);
		}
		else {
			parts.verifies.add(named);
		}
	}

	private void addJava(JavaMigration java, Map<MigrationVersion, ResolvedMigration> resolved,
			List<String> problems) {
		String origin = java.getClass().getName();
		MigrationVersion version;
		try {
			version = MigrationVersion.parse(java.version());
		}
		catch (IllegalArgumentException ex) {
			problems.add("Java migration " + origin + ": " + ex.getMessage());
			return;
		}
		if (version.isEmpty()) {
			problems.add("Java migration " + origin + ": version " + java.version()
					+ " is reserved for the empty database; start at 1");
			return;
		}
		if (java.description() == null || java.description().isBlank()) {
			problems.add("Java migration " + origin + ": description() is empty; say what the migration does");
			return;
		}
		ResolvedMigration existing = resolved.get(version);
		if (existing != null) {
			problems.add("Two migrations have version " + version + ": " + existing.script() + " and " + origin
					+ "; give one of them another version");
			return;
		}
		resolved.put(version, ResolvedMigration.java(version, java));
	}

	private static String decode(ScriptResource resource, List<String> problems) {
		try {
			return ScriptText.decode(resource, problems);
		}
		catch (UncheckedIOException ex) {
			throw new MigratorException("Could not read migration " + resource.name() + ": " + ex.getCause().getMessage(),
					ex.getCause());
		}
	}

	/** A file of a migration: its text in memory, or, for a large file, what one pass over it found. */
	private record NamedText(ScriptResource resource, String base, String rawDescription, String text,
			LargeScript large) {
	}

	/** The files that share one version: the up file and its sibling down and verify files. */
	private static final class Parts {

		private NamedText up;

		private final List<NamedText> downs = new ArrayList<>();

		private final List<NamedText> verifies = new ArrayList<>();

		ResolvedMigration toMigration(MigrationVersion version, List<String> problems, List<String> warnings) {
			if (this.up == null) {
				for (NamedText orphan : concat(this.downs, this.verifies)) {
					problems.add(orphan.resource.name() + ": there is no up migration " + orphan.base
							+ ".sql beside it; add the up file or fix the name");
				}
				return null;
			}
			String name = this.up.resource.name();
			LargeScript large = this.up.large;
			ScriptText parsed = (large != null) ? new ScriptText(large.script(), null, null, large.leadingDescription())
					: ScriptText.parse(name, this.up.text, problems, warnings);
			SqlScript down = sibling("down", parsed.down(), this.downs, problems, warnings);
			SqlScript verify = sibling("verify", parsed.verify(), this.verifies, problems, warnings);
			if ((large != null) ? !large.hasSql() : parsed.up().sql().isBlank()) {
				problems.add(name + ": has no SQL to apply (it is empty or only comments); write the change, or delete the file");
			}
			else if (large == null && !ScriptText.hasSql(parsed.up().sql())) {
				// other tools' placeholders: a migration that records a version and changes nothing
				warnings.add(name + ": has only comments, so it applies as a no-op that is recorded in the history");
			}
			// An empty or comment-only down is other tools' "nothing to undo": migrate does not mind it,
			// and a rollback through it is refused unless allowed (RollbackCommand).
			String description = (parsed.leadingDescription() != null) ? parsed.leadingDescription()
					: this.up.rawDescription.replace('_', ' ').strip();
			String checksum = (large != null) ? large.checksum() : Checksums.sha256(parsed.up().sql());
			return ResolvedMigration.sql(version, description, checksum, parsed.up(), down, verify);
		}

		private SqlScript sibling(String kind, SqlScript section, List<NamedText> files, List<String> problems,
				List<String> warnings) {
			for (NamedText file : files) {
				if (!file.base.equals(this.up.base)) {
					problems.add(file.resource.name() + ": does not match its up migration " + this.up.resource.name()
							+ "; name it " + this.up.base + "." + kind + ".sql");
				}
			}
			if (files.size() > 1 || (section != null && !files.isEmpty())) {
				List<String> names = new ArrayList<>();
				if (section != null) {
					names.add("the -- migrate:" + kind + " section of " + this.up.resource.name());
				}
				files.forEach((f) -> names.add(f.resource.name()));
				problems.add(this.up.resource.name() + " has more than one " + kind + " script ("
						+ String.join(", ", names) + "); keep one");
				return section;
			}
			if (files.isEmpty()) {
				return section;
			}
			NamedText file = files.get(0);
			if (file.large != null) {
				return file.large.script();
			}
			ScriptText parsed = ScriptText.parse(file.resource.name(), file.text, problems, warnings);
			return parsed.up();
		}

		private static List<NamedText> concat(List<NamedText> a, List<NamedText> b) {
			List<NamedText> all = new ArrayList<>(a);
			all.addAll(b);
			return all;
		}

	}

}
