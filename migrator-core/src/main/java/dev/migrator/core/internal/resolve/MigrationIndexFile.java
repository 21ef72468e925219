package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;

/**
 * The migrations with their checksums, written at build time so that an up-to-date start need not
 * read and hash every file. Trusted only while it is fresh: the same locations, the same file names
 * and sizes in the same order, and for every plain file (a {@code filesystem:} location, or a
 * classpath directory) the same modification time; a jar's entries are checked by name and size, the
 * index being built into the same jar. Anything else, and every command but the lock-free up-to-date
 * check, reads the files themselves.
 */
public final class MigrationIndexFile {

	private static final Logger logger = LoggerFactory.getLogger(MigrationIndexFile.class);

	/** Where the index is, on the class path. */
	public static final String RESOURCE = "META-INF/migrator/index";

	private static final String HEADER = "migrator-index 2";

	private MigrationIndexFile() {
	}

	/**
	 * One migration as the index records it: what the up-to-date check compares with the history, and
	 * what {@code status} shows of it (whether it has a down, whether it has requires or precondition
	 * directives).
	 */
	public record IndexedMigration(MigrationVersion version, MigrationType type, String checksum, String script,
			String description, boolean hasDown, boolean hasPrerequisites) {
	}

	/**
	 * One migration as the up-to-date check compares it with a history row: the texts as written, nothing
	 * parsed (the version as the history spells it, the type's name, the checksum, the description).
	 */
	public record IndexedText(String version, String type, String checksum, String description) {
	}

	/**
	 * The index as read: its migration lines' fields (parsed only where a report needs them), the
	 * locations' convention, and how many locations held no file.
	 */
	private record Contents(List<String[]> migrationFields, String convention, int emptyLocations) {

		List<IndexedMigration> migrations() {
			List<IndexedMigration> migrations = new ArrayList<>(this.migrationFields.size());
			for (String[] field : this.migrationFields) {
				migrations.add(new IndexedMigration(MigrationVersion.parseRecorded(field[1]), MigrationType.valueOf(field[2]),
						decode(field[3]), decode(field[4]), decode(field[5]), field[6].equals("1"), field[7].equals("1")));
			}
			return migrations;
		}

	}

	private record Stamp(String name, long size, long modified) {
	}

	/**
	 * The index text of the configuration's migrations, read, parsed and hashed now.
	 * @throws MigratorException when the code has a problem, a location names the vendor, or Java
	 * migrations are configured: an index would then describe something else than a start resolves
	 */
	public static String render(Configuration configuration) {
		if (!configuration.javaMigrations().isEmpty()) {
			throw new MigratorException("A migration index covers SQL locations only, and Java migrations are configured;"
					+ " leave the index out (starts then read the files)");
		}
		Resolution resolution = new MigrationResolver(configuration).resolveReporting();
		if (!resolution.problems().isEmpty()) {
			throw new MigratorException("The migration index was not written, the migrations have problems: "
					+ String.join("; ", resolution.problems()));
		}
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		text.append("warnings\t").append(resolution.warnings().size()).append('\n');
		text.append("convention\t").append(encode(resolution.convention())).append('\n');
		text.append("empty\t").append(resolution.emptyFilesystemLocations().size()).append('\n');
		for (String location : configuration.locations()) {
			text.append("location\t").append(encode(location)).append('\n');
		}
		for (Stamp stamp : stamps(configuration)) {
			text.append("file\t").append(encode(stamp.name())).append('\t').append(stamp.size()).append('\t')
				.append(stamp.modified()).append('\n');
		}
		for (ResolvedMigration migration : resolution.migrations()) {
			text.append("migration\t").append(migration.version()).append('\t').append(migration.type()).append('\t')
				// a checksum the run's placeholders decide is never vouched for: such a start reads the files
				.append(encode(migration.checksumVaries() ? "varies" : migration.checksum())).append('\t').append(encode(migration.script())).append('\t')
				.append(encode(migration.description())).append('\t').append(migration.hasDown() ? 1 : 0).append('\t')
				.append(migration.prerequisites().isEmpty() ? 0 : 1).append('\n');
		}
		return text.toString();
	}

	/** Writes the index below a class-path root (a build's classes directory); returns the file. */
	public static Path write(Configuration configuration, Path classesDirectory) {
		Path file = classesDirectory.resolve(RESOURCE);
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, render(configuration), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new MigratorException("Could not write the migration index " + file + ": " + ex.getMessage(), ex);
		}
		return file;
	}

	/**
	 * The same as texts, in the index's order (version order, repeatables last), for the up-to-date
	 * check: a start that compares texts parses no version, type or number of a thousand lines.
	 */
	public static Optional<List<IndexedText>> readFreshTexts(Configuration configuration) {
		Optional<Contents> contents = read(configuration);
		if (contents.isEmpty()) {
			return Optional.empty();
		}
		List<IndexedText> texts = new ArrayList<>(contents.get().migrationFields().size());
		for (String[] field : contents.get().migrationFields()) {
			texts.add(new IndexedText(field[1], field[2], decode(field[3]), decode(field[5])));
		}
		return Optional.of(texts);
	}

	/**
	 * The code's migrations as {@code status} shows them, from a fresh index; empty when the files must
	 * be read (no fresh index, a location with no file, a migration with requires or precondition
	 * directives, whose note is read from its file). For a report only: the scripts hold no text, and
	 * reading one fails saying so.
	 */
	public static Optional<Resolution> readFreshForReport(Configuration configuration) {
		Optional<Contents> contents = read(configuration);
		if (contents.isEmpty() || contents.get().emptyLocations() != 0) {
			return Optional.empty();
		}
		List<IndexedMigration> indexedMigrations = contents.get().migrations();
		if (indexedMigrations.stream().anyMatch(IndexedMigration::hasPrerequisites)
				// a checksum the run's placeholders decide: the files say what it is now
				|| indexedMigrations.stream().anyMatch((indexed) -> "varies".equals(indexed.checksum()))) {
			return Optional.empty();
		}
		List<ResolvedMigration> migrations = new ArrayList<>();
		for (IndexedMigration indexed : indexedMigrations) {
			SqlScript up = unread(indexed.script());
			SqlScript down = indexed.hasDown() ? unread(indexed.script() + " (down)") : null;
			migrations.add(new ResolvedMigration(indexed.version(), indexed.description(), indexed.type(),
					indexed.script(), indexed.checksum(), up, down, null, null, Prerequisites.NONE, false));
		}
		return Optional.of(new Resolution(migrations, List.of(), List.of(), List.of(), contents.get().convention()));
	}

	private static SqlScript unread(String name) {
		return new SqlScript(name, null, 1, true, null, null, () -> {
			throw new IOException(name + " was listed from the migration index for a report and not read");
		});
	}

	private static Optional<Contents> read(Configuration configuration) {
		if (!configuration.javaMigrations().isEmpty()) {
			return Optional.empty();
		}
		String resource = (configuration.locationIndex() != null) ? configuration.locationIndex() : RESOURCE;
		try {
			List<URL> found = Collections.list(configuration.classLoader().getResources(resource));
			if (found.size() != 1) {
				if (found.size() > 1) {
					logger.debug("{} migration indexes on the class path; reading the files", found.size());
				}
				return Optional.empty();
			}
			return parseIfFresh(readLines(found.get(0)), configuration);
		}
		catch (IOException | RuntimeException ex) {
			// the index is only a shortcut: anything wrong with it means reading the files
			logger.debug("The migration index could not be used, reading the files: {}", ex.toString());
			return Optional.empty();
		}
	}

	/** The lines of an index that must be on the class path exactly once (one that lists the files). */
	static List<String> lines(String resource, ClassLoader classLoader) {
		try {
			List<URL> found = Collections.list(classLoader.getResources(resource));
			if (found.size() != 1) {
				throw new MigratorException("The migration index " + resource + " that lists the migration files is "
						+ (found.isEmpty() ? "not on the class path" : "on the class path " + found.size() + " times: " + found)
						+ "; build the application again (its AOT processing writes the index), or run without"
						+ " spring.aot.enabled");
			}
			List<String> lines = readLines(found.get(0));
			if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
				throw new MigratorException("The migration index " + found.get(0) + " is not one this version of Migrator"
						+ " reads (it expects '" + HEADER + "'); build the application again with this version");
			}
			return lines.subList(1, lines.size());
		}
		catch (IOException ex) {
			throw new MigratorException("Could not read the migration index " + resource + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The lines of the index, read whole and cut at each {@code \n} (a {@code \r} before it dropped): a
	 * reader decoding and scanning char by char was a tenth of an up-to-date start's first call.
	 */
	private static List<String> readLines(URL url) throws IOException {
		String text;
		try (InputStream in = url.openStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<String> lines = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			int next = (end < 0) ? text.length() : end + 1;
			end = (end < 0) ? text.length() : end;
			if (end > start && text.charAt(end - 1) == '\r') {
				end--;
			}
			lines.add(text.substring(start, end));
			start = next;
		}
		return lines;
	}

	private static Optional<Contents> parseIfFresh(List<String> lines, Configuration configuration) {
		if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
			return Optional.empty();
		}
		List<String> locations = new ArrayList<>();
		List<Stamp> files = new ArrayList<>();
		List<String[]> migrations = new ArrayList<>();
		String convention = null;
		boolean hasConvention = false;
		int emptyLocations = -1;
		for (String line : lines.subList(1, lines.size())) {
			String[] field = line.split("\t", -1);
			switch (field[0]) {
				case "warnings" -> {
					if (Integer.parseInt(field[1]) != 0) {
						return Optional.empty();
					}
				}
				case "convention" -> {
					convention = decode(field[1]);
					hasConvention = true;
				}
				case "empty" -> emptyLocations = Integer.parseInt(field[1]);
				case "location" -> locations.add(decode(field[1]));
				case "file" -> files.add(new Stamp(decode(field[1]), Long.parseLong(field[2]), Long.parseLong(field[3])));
				case "migration" -> {
					if (field.length != 8) {
						return Optional.empty();
					}
					migrations.add(field);
				}
				default -> {
					return Optional.empty();
				}
			}
		}
		if (!locations.equals(configuration.locations())) {
			logger.debug("The migration index was written for locations {}, not {}; reading the files", locations,
					configuration.locations());
			return Optional.empty();
		}
		if (!matches(files, stamps(configuration))) {
			logger.debug("The migration index is stale (a file added, removed, resized or modified); reading the files");
			return Optional.empty();
		}
		if (!hasConvention || emptyLocations < 0) {
			return Optional.empty();
		}
		return Optional.of(new Contents(migrations, convention, emptyLocations));
	}

	/**
	 * Whether the files are those indexed: the same names and sizes in the same order, and the same
	 * modification time wherever both sides have one. A classpath index is written from the build's
	 * classes directory (times) and read from the jar it was packed into (none): there name and size
	 * are checked, the jar being built with its index.
	 */
	private static boolean matches(List<Stamp> indexed, List<Stamp> now) {
		if (indexed.size() != now.size()) {
			return false;
		}
		for (int i = 0; i < indexed.size(); i++) {
			Stamp was = indexed.get(i);
			Stamp is = now.get(i);
			if (!was.name().equals(is.name()) || was.size() != is.size()
					|| (was.modified() != is.modified() && was.modified() != -1 && is.modified() != -1)) {
				return false;
			}
		}
		return true;
	}

	/** The names, sizes and, for plain files, modification times of every file the locations hold, in scan order. */
	private static List<Stamp> stamps(Configuration configuration) {
		LocationScanner scanner = LocationScanner.of(configuration);
		List<Stamp> stamps = new ArrayList<>();
		for (String text : configuration.locations()) {
			if (text != null && text.contains(MigrationResolver.VENDOR_PLACEHOLDER)) {
				throw new MigratorException("Location " + text + " names the database vendor; a migration index"
						+ " cannot be written for it");
			}
			for (ScriptResource resource : scanner.scan(Location.parse(text))) {
				stamps.add(new Stamp(resource.name(), resource.size(), modified(resource)));
			}
		}
		for (String stray : scanner.notSql()) {
			// a stray file is a warning or a problem of every start: the files must be read to say so
			stamps.add(new Stamp("stray:" + stray, -1, -1));
		}
		return stamps;
	}

	/**
	 * A plain file's modification time in milliseconds; -1 for a jar's entry, which the jar's index
	 * vouches for, and for a native image's resource, built into the image with its index.
	 */
	private static long modified(ScriptResource resource) {
		if (resource.origin().startsWith("jar:") || resource.origin().startsWith("resource:")) {
			return -1;
		}
		if (resource.modified() != ScriptResource.MODIFIED_UNKNOWN) {
			return resource.modified();
		}
		try {
			return Files.getLastModifiedTime(Path.of(resource.origin())).toMillis();
		}
		catch (IOException | RuntimeException ex) {
			return -2; // never what an index holds: stale, the files are read
		}
	}

	private static String encode(String value) {
		if (value == null) {
			return "%0";
		}
		return value.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
	}

	static String decode(String value) {
		if (value.indexOf('%') < 0) {
			return value; // nearly every field: nothing encoded
		}
		if (value.equals("%0")) {
			return null;
		}
		return value.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
	}

}
