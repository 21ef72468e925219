package dev.migrator.core.internal.resolve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

	private static final String HEADER = "migrator-index 1";

	private MigrationIndexFile() {
	}

	/** One migration as the index records it: what the up-to-date check compares with the history. */
	public record IndexedMigration(MigrationVersion version, MigrationType type, String checksum, String script,
			String description) {
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
				.append(encode(migration.description())).append('\n');
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
	 * The indexed migrations, when the class path holds exactly one index and it describes the files
	 * as they are now; empty otherwise (absent, stale, several, or written with warnings a start must show).
	 */
	public static Optional<List<IndexedMigration>> readFresh(Configuration configuration) {
		if (!configuration.javaMigrations().isEmpty()) {
			return Optional.empty();
		}
		try {
			List<URL> found = Collections.list(configuration.classLoader().getResources(RESOURCE));
			if (found.size() != 1) {
				if (found.size() > 1) {
					logger.debug("{} migration indexes on the class path; reading the files", found.size());
				}
				return Optional.empty();
			}
			List<String> lines = new ArrayList<>();
			try (InputStream in = found.get(0).openStream();
					BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					lines.add(line);
				}
			}
			return parseIfFresh(lines, configuration);
		}
		catch (IOException | RuntimeException ex) {
			// the index is only a shortcut: anything wrong with it means reading the files
			logger.debug("The migration index could not be used, reading the files: {}", ex.toString());
			return Optional.empty();
		}
	}

	private static Optional<List<IndexedMigration>> parseIfFresh(List<String> lines, Configuration configuration) {
		if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
			return Optional.empty();
		}
		List<String> locations = new ArrayList<>();
		List<Stamp> files = new ArrayList<>();
		List<IndexedMigration> migrations = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] field = line.split("\t", -1);
			switch (field[0]) {
				case "warnings" -> {
					if (Integer.parseInt(field[1]) != 0) {
						return Optional.empty();
					}
				}
				case "location" -> locations.add(decode(field[1]));
				case "file" -> files.add(new Stamp(decode(field[1]), Long.parseLong(field[2]), Long.parseLong(field[3])));
				case "migration" -> migrations.add(new IndexedMigration(MigrationVersion.parseRecorded(field[1]),
						MigrationType.valueOf(field[2]), decode(field[3]), decode(field[4]), decode(field[5])));
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
		return Optional.of(migrations);
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
		LocationScanner scanner = new LocationScanner(configuration.classLoader());
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

	/** A plain file's modification time in milliseconds; -1 for a jar's entry, which the jar's index vouches for. */
	private static long modified(ScriptResource resource) {
		if (resource.origin().startsWith("jar:")) {
			return -1;
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

	private static String decode(String value) {
		if (value.equals("%0")) {
			return null;
		}
		return value.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
	}

}
