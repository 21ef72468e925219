package dev.migrator.core.internal.resolve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file's name says it is, in each convention Migrator reads: its version, description and
 * part (up, down, verify); and, for a name that is almost one of them, the exact name to use.
 */
final class FileNames {

	/** Migrator's own, dbmate's, goose's and sql-migrate's: {@code 001_create_users.sql}. */
	private static final Pattern OWN = Pattern.compile("(\\d+(?:\\.\\d+)*)_(.+?)(\\.down|\\.verify)?\\.sql");

	/** golang-migrate's pairs: {@code 1_create_users.up.sql} (its downs match {@link #OWN}). */
	private static final Pattern PAIR_UP = Pattern.compile("(\\d+)_(.+)\\.up\\.sql");

	/** Flyway: {@code V1__init.sql}, {@code V1_1__x.sql}, {@code V1.2__x.sql}, {@code U1__init.sql}. */
	private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

	private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.*)\\.sql");

	/** What a repeatable was meant to be named, written otherwise: {@code R1__x.sql}, {@code R_x.sql}. */
	private static final Pattern ALMOST_REPEATABLE = Pattern.compile("R(\\d+(?:[._]\\d+)*)?(_{1,3})(.*?)\\.sql");

	/** Flyway's callbacks: {@code beforeMigrate.sql}, {@code afterEachMigrate__x.sql}, … */
	private static final Pattern FLYWAY_CALLBACK = Pattern
		.compile("(before|after)(Each)?(Migrate|Clean|Validate|Info|Repair|Baseline|Undo|Connect|Repeatables|Versioned)"
				+ "\\w*(__.*)?\\.sql|createSchema(__.*)?\\.sql");

	/** diesel's folders: {@code 2017-05-03-123456_create_users/up.sql}, {@code 00000000000000_diesel_initial_setup}. */
	private static final Pattern DIESEL_FOLDER = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}-\\d{6}|\\d{14}|\\d+)_(.+)");

	private static final Pattern ALMOST_FLYWAY = Pattern.compile("(?i)([vu])_?(\\d+(?:[._]\\d+)*)_{1,3}(.*?)\\.sql");

	private static final Pattern ALMOST_PAIR = Pattern.compile("(?i)(\\d+)[-_ .]+(.*?)\\.(up|down)\\.sql");

	private static final String FLYWAY_NAMING = "V<version>__<description>.sql (U<version>__<description>.sql for the down)";

	private static final String OWN_NAMING = "<version>_<description>.sql (e.g. 001_create_users.sql, with .down.sql /"
			+ " .verify.sql for the rollback and checks)";

	private static final Pattern ALMOST_OWN = Pattern.compile("(?i)(\\d+(?:[._]\\d+)*)[-_ .]+(.*?)\\.sql");

	private FileNames() {
	}

	enum Part {
		UP, DOWN, VERIFY
	}

	/**
	 * A file's name read in a convention.
	 * @param convention null where several conventions name the file alike (a {@code .down.sql}): its up says
	 * @param base what the up and its siblings share, e.g. {@code 001_create_users}
	 */
	record Named(Convention convention, String version, String base, String rawDescription, Part part) {
	}

	/** The file's name in a convention, or null when it is in none. */
	static Named read(ScriptResource resource) {
		String file = resource.fileName();
		Matcher flyway = FLYWAY.matcher(file);
		if (flyway.matches()) {
			String version = flyway.group(2).replace('_', '.');
			Part part = flyway.group(1).equals("V") ? Part.UP : Part.DOWN;
			return new Named(Convention.FLYWAY, version, "V" + version + "__" + flyway.group(3), flyway.group(3), part);
		}
		if (file.equals("up.sql") || file.equals("down.sql")) {
			Matcher folder = DIESEL_FOLDER.matcher(parentFolder(resource.name()));
			if (folder.matches()) {
				String digits = folder.group(1).replace("-", "");
				// diesel's 00000000000000_diesel_initial_setup: version 0 is the empty database here
				String version = digits.matches("0+") ? "0.1" : digits;
				return new Named(Convention.DIESEL, version, folder.group(0), folder.group(2),
						file.equals("up.sql") ? Part.UP : Part.DOWN);
			}
			return null;
		}
		Matcher pair = PAIR_UP.matcher(file);
		if (pair.matches()) {
			return new Named(Convention.GOLANG_MIGRATE, pair.group(1), pair.group(1) + "_" + pair.group(2),
					pair.group(2), Part.UP);
		}
		Matcher own = OWN.matcher(file);
		if (own.matches() && !own.group(2).replace('_', ' ').isBlank()) {
			String suffix = own.group(3);
			Part part = (suffix == null) ? Part.UP : suffix.equals(".down") ? Part.DOWN : Part.VERIFY;
			return new Named((part == Part.UP) ? Convention.MIGRATOR : null, own.group(1),
					own.group(1) + "_" + own.group(2), own.group(2), part);
		}
		return null;
	}

	/** Whether the file is a Flyway repeatable migration, {@code R__<description>.sql}. */
	static boolean isFlywayRepeatable(String fileName) {
		return FLYWAY_REPEATABLE.matcher(fileName).matches();
	}

	/** The raw description of a Flyway repeatable's name ({@code create_views} of {@code R__create_views.sql}). */
	static String repeatableDescription(String fileName) {
		Matcher matcher = FLYWAY_REPEATABLE.matcher(fileName);
		return matcher.matches() ? matcher.group(1) : "";
	}

	/** Whether the file is a Flyway callback, such as {@code beforeMigrate.sql}. */
	static boolean isFlywayCallback(String fileName) {
		return FLYWAY_CALLBACK.matcher(fileName).matches();
	}

	/**
	 * For a name that is almost one a convention defines, which convention it looks like and the
	 * exact name to use; null when it looks like none.
	 * @param inUse the location's convention where known, which decides between two readings
	 */
		static String suggestion(String file, Convention inUse) {
		if (file.equalsIgnoreCase("up.sql") || file.equalsIgnoreCase("down.sql")) {
			return "does not match diesel's naming, whose up.sql and down.sql belong in a folder named"
					+ " <timestamp>_<name> (e.g. 2024-01-31-120000_create_users/" + file.toLowerCase(Locale.ROOT)
					+ "); move the file into one";
		}
		Matcher repeatable = ALMOST_REPEATABLE.matcher(file);
		if (repeatable.matches()) {
			String name = "R__" + orPlaceholder(repeatable.group(3)) + ".sql";
			return (repeatable.group(1) != null)
					? "does not match Flyway's R__<description>.sql: a repeatable migration has no version; rename the file to "
							+ name + ", or to V" + repeatable.group(1) + "__" + orPlaceholder(repeatable.group(3))
							+ ".sql for a versioned migration"
					: "does not match Flyway's R__<description>.sql (two underscores); rename the file to " + name;
		}
		Matcher pairLike = ALMOST_PAIR.matcher(file);
		if (pairLike.matches() && !words(pairLike.group(2)).isEmpty()) {
			return "does not match golang-migrate's " + Convention.GOLANG_MIGRATE.naming() + "; rename the file to "
					+ pairLike.group(1) + "_" + words(pairLike.group(2)) + "." + pairLike.group(3).toLowerCase(Locale.ROOT)
					+ ".sql";
		}
		Matcher flyway = ALMOST_FLYWAY.matcher(file);
		boolean ownLocation = inUse == Convention.MIGRATOR || inUse == Convention.DBMATE;
		if (flyway.matches() && !ownLocation) {
			return "does not match Flyway's " + FLYWAY_NAMING + "; rename the file to "
					+ flyway.group(1).toUpperCase(Locale.ROOT) + flyway.group(2) + "__" + orPlaceholder(flyway.group(3))
					+ ".sql";
		}
		String version = null;
		String description = null;
		if (flyway.matches()) {
			version = flyway.group(2).replace('_', '.');
			description = flyway.group(3);
		}
		Matcher own = ALMOST_OWN.matcher(file);
		if (version == null && own.matches()) {
			version = own.group(1).replace('_', '.');
			description = own.group(2);
		}
		if (version == null) {
			return null;
		}
		if (inUse == Convention.FLYWAY) {
			return "does not match Flyway's " + FLYWAY_NAMING + ", which this location uses; rename the file to V"
					+ version + "__" + orPlaceholder(description) + ".sql";
		}
		return "does not match " + OWN_NAMING + "; rename the file to " + version + "_" + orPlaceholder(description)
				+ ".sql";
	}

	private static String orPlaceholder(String description) {
		String words = words(description);
		return words.isEmpty() ? "<description>" : words;
	}

	/** A description as a file name wants it: words joined by underscores, no dashes or spaces. */
	private static String words(String text) {
		return text.strip().replaceAll("[-\\s.]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
	}

	private static String parentFolder(String name) {
		int slash = name.lastIndexOf('/');
		if (slash < 0) {
			return "";
		}
		int before = name.lastIndexOf('/', slash - 1);
		return name.substring(before + 1, slash);
	}

}
