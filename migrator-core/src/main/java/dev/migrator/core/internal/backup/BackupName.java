package dev.migrator.core.internal.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup's file name, {@code <db>_<yyyyMMdd_HHmmss>_v<version>[-<n>].<extension>[.gz]}, and what it
 * encodes: {@code .db} for SQLite copies, {@code .dump} for {@code pg_dump} archives. The time is UTC so that a name means one instant whatever the zone of the machine
 * reading it; {@code -<n>} (from 2) tells apart backups taken within the same second.
 */
record BackupName(String database, Instant created, String version, int sequence, boolean compressed,
		String extension) {

	/** SQLite's copies. */
	static final String DATABASE_FILE = "db";

	/** {@code pg_dump}'s custom-format archives. */
	static final String DUMP = "dump";

	/** A MySQL/MariaDB dump: SQL text the client loads back. */
	static final String SQL_DUMP = "sql";

	/** Newest first; within one second the higher sequence was taken later. */
	static final Comparator<BackupName> NEWEST_FIRST = Comparator.comparing(BackupName::created)
		.thenComparingInt(BackupName::sequence)
		.thenComparing(BackupName::fileName)
		.reversed();

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

	/** No '-' or '_' in a version, so the name splits back unambiguously. */
	private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.]+");

	private static final Pattern NAME = Pattern
		.compile("(?<db>[^/\\\\]+)_(?<stamp>\\d{8}_\\d{6})_v(?<version>[0-9A-Za-z.]+?)(?:-(?<seq>[1-9]\\d{0,8}))?\\.(?<ext>db|dump|sql)(?<gz>\\.gz)?");

	BackupName {
		created = created.truncatedTo(ChronoUnit.SECONDS);
	}

	/** A SQLite copy's name. */
	BackupName(String database, Instant created, String version, int sequence, boolean compressed) {
		this(database, created, version, sequence, compressed, DATABASE_FILE);
	}

	/** The name of the first backup of a database file taken at an instant. */
	static BackupName first(Path databaseFile, Instant created, String version, boolean compressed) {
		return new BackupName(databaseName(databaseFile), created, requireVersion(version), 1, compressed);
	}

	/** The name of the first dump of a server database taken at an instant. */
	static BackupName firstDump(String database, Instant created, String version) {
		return new BackupName(database, created, requireVersion(version), 1, false, DUMP);
	}

	static String requireVersion(String version) {
		if (version == null || !VERSION.matcher(version).matches()) {
			throw new IllegalArgumentException(
					"backup version must be letters, digits and dots (it becomes part of a file name), not '" + version + "'");
		}
		return version;
	}

	/** The name taken next within the same second. */
	BackupName next() {
		return new BackupName(this.database, this.created, this.version, this.sequence + 1, this.compressed,
				this.extension);
	}

	String fileName() {
		return this.database + "_" + STAMP.format(LocalDateTime.ofInstant(this.created, ZoneOffset.UTC)) + "_v" + this.version
				+ ((this.sequence > 1) ? "-" + this.sequence : "") + "." + this.extension + (this.compressed ? ".gz" : "");
	}

	/** The name's parts, or empty if the file name is not one of ours. */
	static Optional<BackupName> parse(String fileName) {
		Matcher matcher = NAME.matcher(fileName);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			Instant created = LocalDateTime.parse(matcher.group("stamp"), STAMP).toInstant(ZoneOffset.UTC);
			String sequence = matcher.group("seq");
			int n = (sequence != null) ? Integer.parseInt(sequence) : 1;
			if (sequence != null && n < 2) {
				return Optional.empty();
			}
			return Optional.of(new BackupName(matcher.group("db"), created, matcher.group("version"), n,
					matcher.group("gz") != null, matcher.group("ext")));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/** The database file's name without its extension: {@code app.db} gives {@code app}. */
	static String databaseName(Path databaseFile) {
		String name = databaseFile.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

}
