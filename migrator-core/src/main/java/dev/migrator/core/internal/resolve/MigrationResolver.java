package dev.migrator.core.internal.resolve;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
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

	private static final Pattern LEADING_NUMBER = Pattern.compile("(\\d+)");

	/** Names that look like an attempt at a versioned migration (ours or Flyway's). */
	private static final Pattern LOOKS_VERSIONED = Pattern.compile("(?i)(\\d|[vur]\\d|r__).*");

	/** Stands for the database's vendor in a location: {@code classpath:db/migration/{vendor}}. */
	public static final String VENDOR_PLACEHOLDER = "{vendor}";

	private final Configuration configuration;

	private final String vendor;

	/** The database's user, name and current schema for Flyway's built-in placeholders; null with no database. */
	private Supplier<Map<String, String>> databaseFacts;

	/** Liquibase changelog files without a leading number so far: their place gives their version. */
	private int unnumberedChangelogs;

	/** Whether Flyway placeholders are replaced; not when a folder is read as written, to convert it. */
	private boolean replacePlaceholders = true;

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

	/**
	 * The scripts as written: Flyway placeholders ({@code ${name}}) are left in the text, and need no
	 * value. For reading a folder to rewrite it, never to run it.
	 */
	public MigrationResolver asWritten() {
		this.replacePlaceholders = false;
		return this;
	}

	/**
	 * With the database's facts for {@code ${flyway:user}}, {@code ${flyway:database}} and
	 * {@code ${flyway:defaultSchema}}, asked for only when a script uses one of them.
	 */
	public MigrationResolver withDatabaseFacts(Supplier<Map<String, String>> facts) {
		this.databaseFacts = facts;
		return this;
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
		List<String> conventions = new ArrayList<>();
		this.unnumberedChangelogs = 0;
		LocationScanner scanner = LocationScanner.of(this.configuration);
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
			LocationFiles files = new LocationFiles();
			for (ScriptResource resource : resources) {
				classify(resource, files, byVersion, problems, warnings);
			}
			String mix = files.mix(location);
			if (mix != null) {
				problems.add(mix);
			}
			Convention inUse = files.convention();
			if (inUse != null && !conventions.contains(inUse.displayName())) {
				conventions.add(inUse.displayName());
			}
			for (ScriptResource resource : files.unnamed) {
				unnamed(resource, inUse, problems, warnings);
			}
		}
		Map<MigrationVersion, ResolvedMigration> resolved = new TreeMap<>();
		Function<String, String> placeholders = Placeholders.values(this.configuration, this.vendor, this.databaseFacts);
		for (Map.Entry<MigrationVersion, Parts> entry : byVersion.entrySet()) {
			ResolvedMigration migration = entry.getValue().toMigration(entry.getKey(),
					this.replacePlaceholders ? placeholders : null, problems, warnings);
			if (migration != null) {
				resolved.put(entry.getKey(), migration);
			}
		}
		for (JavaMigration java : this.configuration.javaMigrations()) {
			addJava(java, resolved, problems);
		}
		checkRequires(resolved, problems);
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
		for (String name : scanner.changelogs()) {
			problems.add(name + ": is a Liquibase XML, YAML or JSON changelog, which Migrator does not read; it reads"
					+ " Liquibase formatted SQL (a .sql file starting --liquibase formatted sql, with --changeset"
					+ " author:id blocks), each file of the location in name order: write the changesets as formatted SQL,"
					+ " and delete the changelog (or move it out of the migration locations)");
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
		return new Resolution(new ArrayList<>(resolved.values()), warnings, problems, emptyFilesystemLocations,
				conventions.isEmpty() ? Convention.MIGRATOR.displayName() : String.join(", ", conventions));
	}

	/**
	 * A required version must be a migration in the code, and not the migration itself. A later one
	 * is allowed: an out-of-order migration may require one applied before it was written.
	 */
	private static void checkRequires(Map<MigrationVersion, ResolvedMigration> resolved, List<String> problems) {
		for (ResolvedMigration migration : resolved.values()) {
			for (Prerequisites.Required required : migration.prerequisites().requires()) {
				String where = migration.script() + ":" + required.line() + ": -- migrator:requires " + required.version();
				if (!resolved.containsKey(required.version())) {
					problems.add(where + " names no migration in the code; fix the version, or remove it from the line");
				}
				else if (required.version().equals(migration.version())) {
					problems.add(where + " names this migration itself; remove it from the line");
				}
			}
		}
	}

	/** What one location holds so far: the first file of each convention, and the files no convention names. */
	private static final class LocationFiles {

		private final Map<Convention, String> firstOf = new LinkedHashMap<>();

		private final List<ScriptResource> unnamed = new ArrayList<>();

		void saw(Convention convention, ScriptResource resource) {
			if (convention != null) {
				this.firstOf.putIfAbsent(convention, resource.name());
			}
		}

		/** The location's convention: the one its files share, or null for none or a mix. */
		Convention convention() {
			Convention found = null;
			for (Convention convention : this.firstOf.keySet()) {
				if (found == null || (found == Convention.MIGRATOR && convention == Convention.DBMATE)) {
					found = convention;
				}
				else if (!found.compatibleWith(convention)) {
					return null;
				}
			}
			return found;
		}

		/** A problem naming two files of different conventions, or null. */
		String mix(Location location) {
			List<Map.Entry<Convention, String>> seen = new ArrayList<>(this.firstOf.entrySet());
			for (int i = 0; i < seen.size(); i++) {
				for (int j = i + 1; j < seen.size(); j++) {
					if (!seen.get(i).getKey().compatibleWith(seen.get(j).getKey())) {
						return "Location " + location + " mixes two conventions: " + seen.get(i).getValue() + " is named as "
								+ seen.get(i).getKey().displayName() + " names migrations (" + seen.get(i).getKey().naming()
								+ "), " + seen.get(j).getValue() + " as " + seen.get(j).getKey().displayName() + " does ("
								+ seen.get(j).getKey().naming() + "); a location holds one convention: rename the files of"
								+ " one into the other's, or move them to a location of their own";
					}
				}
			}
			return null;
		}

	}

	private void classify(ScriptResource resource, LocationFiles files, Map<MigrationVersion, Parts> byVersion,
			List<String> problems, List<String> warnings) {
		String fileName = resource.fileName();
		if (FileNames.isFlywayCallback(fileName)) {
			files.saw(Convention.FLYWAY, resource);
			problems.add(resource.name() + ": is a Flyway callback, which Migrator does not run; put SQL that must run"
					+ " before or after migrations into a migration of its own (a repeatable R__<description>.sql for views"
					+ " or grants kept up to date, run again whenever the file changes), or into a MigrationListener (Java),"
					+ " and delete the file");
			return;
		}
		if (FileNames.isFlywayRepeatable(fileName)) {
			files.saw(Convention.FLYWAY, resource);
			addRepeatable(resource, byVersion, problems, warnings);
			return;
		}
		FileNames.Named named = FileNames.read(resource);
		boolean contentMayTell = (named == null) || named.convention() == Convention.MIGRATOR;
		String text = null;
		LargeScript large = null;
		if (resource.size() > LargeScript.THRESHOLD_BYTES) {
			if (named == null) {
				files.unnamed.add(resource);
				return;
			}
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
		if (contentMayTell && text != null && LiquibaseSql.recognise(text)) {
			files.saw(Convention.LIQUIBASE_SQL, resource);
			addChangesets(resource, text, byVersion, problems);
			return;
		}
		if (named == null) {
			files.unnamed.add(resource);
			return;
		}
		MigrationVersion version = MigrationVersion.parse(named.version());
		if (version.isEmpty()) {
			problems.add(resource.name() + ": version " + named.version()
					+ " is reserved for the empty database; start at 1");
			return;
		}
		Convention convention = named.convention();
		boolean noTransaction = false;
		if (contentMayTell && text != null) {
			Convention oneFile = OneFileFormats.recognise(text);
			if (oneFile != null) {
				convention = oneFile;
				OneFileFormats.Rewritten rewritten = OneFileFormats.rewrite(oneFile, resource.name(), text, problems);
				text = rewritten.text();
				noTransaction = rewritten.noTransaction();
			}
		}
		files.saw(convention, resource);
		Parts parts = byVersion.computeIfAbsent(version, (v) -> new Parts());
		NamedText file = new NamedText(resource, named.base(), named.rawDescription(), text, large, convention,
				noTransaction, null);
		switch (named.part()) {
			case UP -> {
				if (parts.up != null) {
					problems.add("Two migrations have version " + version + ": " + parts.up.resource.origin() + " and "
							+ resource.origin() + "; give one of them another version");
					return;
				}
				parts.up = file;
			}
			case DOWN -> parts.downs.add(file);
			case VERIFY -> parts.verifies.add(file);
		}
	}

	/**
	 * A Flyway repeatable, {@code R__<description>.sql}: kept under its stand-in version
	 * {@code R__<description>}, which sorts after every version, repeatables in description order.
	 */
	private void addRepeatable(ScriptResource resource, Map<MigrationVersion, Parts> byVersion, List<String> problems,
			List<String> warnings) {
		String raw = FileNames.repeatableDescription(resource.fileName());
		String description = raw.replace('_', ' ').strip();
		if (description.isEmpty()) {
			problems.add(resource.name() + ": a Flyway repeatable migration needs a description after R__; rename the"
					+ " file to R__<description>.sql, e.g. R__views.sql");
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
		MigrationVersion version = MigrationVersion.repeatable(description);
		Parts parts = byVersion.computeIfAbsent(version, (v) -> new Parts());
		if (parts.up != null) {
			problems.add("Two repeatable migrations have the description '" + description + "': "
					+ parts.up.resource.origin() + " and " + resource.origin() + "; rename one of them");
			return;
		}
		parts.up = new NamedText(resource, "R__" + raw, raw, text, large, Convention.FLYWAY, false, null);
	}

	/** Each changeset of a Liquibase formatted SQL file, as a migration of its own. */
	private void addChangesets(ScriptResource resource, String text, Map<MigrationVersion, Parts> byVersion,
			List<String> problems) {
		Matcher leading = LEADING_NUMBER.matcher(resource.fileName());
		String fileNumber = leading.lookingAt() ? leading.group(1) : Integer.toString(++this.unnumberedChangelogs);
		int index = 0;
		for (LiquibaseSql.Changeset changeset : LiquibaseSql.read(resource.name(), text, problems)) {
			index++;
			MigrationVersion version = MigrationVersion.parse(fileNumber + "." + index);
			boolean transactional = !changeset.noTransaction();
			SqlScript up = new SqlScript(resource.name(), changeset.up(), changeset.firstLine(), transactional);
			SqlScript down = (changeset.rollback() != null)
					? new SqlScript(resource.name(), changeset.rollback(), changeset.firstLine(), transactional) : null;
			Parts parts = byVersion.computeIfAbsent(version, (v) -> new Parts());
			String description = changeset.author() + ":" + changeset.id();
			if (parts.up != null) {
				problems.add("Two migrations have version " + version + ": " + parts.up.resource.origin() + " and changeset "
						+ description + " of " + resource.origin() + "; number the changelog files apart (001-, 002-)");
				continue;
			}
			parts.up = new NamedText(resource, resource.fileName() + "#" + index, description, changeset.up(), null,
					Convention.LIQUIBASE_SQL, changeset.noTransaction(), new ScriptText(up, down, null, null));
		}
	}

	/** A file no convention names: a hint when it looks like one, else a stray file. */
	private void unnamed(ScriptResource resource, Convention inUse, List<String> problems, List<String> warnings) {
		String suggestion = FileNames.suggestion(resource.fileName(), inUse);
		if (suggestion != null) {
			problems.add(resource.name() + ": the name " + suggestion);
			return;
		}
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

	/**
	 * A file of a migration: its text in memory, or, for a large file, what one pass over it found;
	 * the convention it was read in, and whether that convention's markers asked for no transaction.
	 * A Liquibase changeset comes already cut ({@code cut}).
	 */
	private record NamedText(ScriptResource resource, String base, String rawDescription, String text,
			LargeScript large, Convention convention, boolean noTransaction, ScriptText cut) {
	}

	/** The files that share one version: the up file and its sibling down and verify files. */
	private static final class Parts {

		private NamedText up;

		private final List<NamedText> downs = new ArrayList<>();

		private final List<NamedText> verifies = new ArrayList<>();

		ResolvedMigration toMigration(MigrationVersion version, Function<String, String> placeholders, List<String> problems,
				List<String> warnings) {
			if (this.up == null) {
				for (NamedText orphan : concat(this.downs, this.verifies)) {
					problems.add(orphan.resource.name() + ": there is no up migration " + upName(orphan)
							+ " beside it; add the up file or fix the name");
				}
				return null;
			}
			String name = this.up.resource.name();
			LargeScript large = this.up.large;
			ScriptText parsed = (this.up.cut != null) ? this.up.cut
					: (large != null) ? new ScriptText(large.script(), null, null, large.leadingDescription())
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
			if (large == null) {
				DownLookalikes.check(parsed.up(), this.up.convention, problems);
			}
			// An empty or comment-only down is other tools' "nothing to undo": migrate does not mind it,
			// and a rollback through it is refused unless allowed (RollbackCommand).
			Convention convention = this.up.convention;
			// a Liquibase changeset is known by author:id exactly, as its DATABASECHANGELOG row names it
			String description = (parsed.leadingDescription() != null && convention == Convention.MIGRATOR)
					? parsed.leadingDescription()
					: (convention == Convention.LIQUIBASE_SQL) ? this.up.rawDescription
							: this.up.rawDescription.replace('_', ' ').strip();
			String checksum = (large != null) ? large.checksum() : Checksums.sha256(parsed.up().sql());
			SqlScript up = parsed.up();
			if (this.up.noTransaction) {
				up = withoutTransaction(up);
				down = withoutTransaction(down);
			}
			if (convention == Convention.FLYWAY && placeholders != null) {
				up = Placeholders.apply(up, placeholders, this.up.resource.fileName(), problems);
				down = Placeholders.apply(down, placeholders, this.up.resource.fileName(), problems);
			}
			if (version.isRepeatable()) {
				if (down != null) {
					problems.add(name + ": a repeatable migration has no down (it runs again whenever it changes, and a"
							+ " rollback leaves it as it is); remove the -- migrate:down section");
				}
				// as Flyway (since 6.3): a repeatable runs again when a placeholder's value changes, so its checksum
				// is of the script as it runs (${flyway:timestamp} in it makes it run on every migrate)
				boolean replaced = large == null && !up.sql().equals(parsed.up().sql());
				return ResolvedMigration.repeatable(version, description, replaced ? Checksums.sha256(up.sql()) : checksum, up,
						verify, parsed.prerequisites(), replaced);
			}
			return ResolvedMigration.sql(version, description, checksum, up, down, verify, parsed.prerequisites());
		}

		private static SqlScript withoutTransaction(SqlScript script) {
			return (script == null || !script.transactional()) ? script
					: new SqlScript(script.name(), script.sql(), script.firstLine(), false, script.lockTimeout(),
							script.statementTimeout(), script.source());
		}

		/** The name the up of a down or verify file would have. */
		private static String upName(NamedText orphan) {
			return switch (orphan.resource.fileName()) {
				case "down.sql" -> "up.sql";
				// a Flyway undo's base is its versioned migration's (V<version>__<description>)
				default -> orphan.base + ".sql";
			};
		}

		/** The name a down or verify file of this up must have. */
		private String siblingName(String kind) {
			return switch (this.up.convention) {
				case FLYWAY -> "U" + this.up.base.substring(1) + ".sql";
				case GOLANG_MIGRATE -> this.up.base + "." + kind + ".sql";
				case DIESEL -> kind + ".sql in " + this.up.base + "/";
				default -> this.up.base + "." + kind + ".sql";
			};
		}

		private SqlScript sibling(String kind, SqlScript section, List<NamedText> files, List<String> problems,
				List<String> warnings) {
			for (NamedText file : files) {
				boolean flywayDown = file.convention == Convention.FLYWAY;
				if (!file.base.equals(this.up.base) || flywayDown != (this.up.convention == Convention.FLYWAY)) {
					problems.add(file.resource.name() + ": does not match its up migration " + this.up.resource.name()
							+ "; name it " + siblingName(kind));
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
