package dev.migrator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.migrator.core.api.MigrationVersion;

/**
 * The up, down and verify files of a new migration, numbered after the highest version in the
 * migration folders, written with a header that says what goes where. Never overwrites.
 *
 * @param folder where the files go
 * @param version the new version, e.g. {@code 004}
 * @param description the name as the file name has it, e.g. {@code add_tags}
 */
record NewMigrationFiles(Path folder, String version, String description) {

	// The engine's naming: <version>_<description>[.down|.verify].sql
	private static final Pattern MIGRATION_FILE = Pattern.compile("(\\d+(?:\\.\\d+)*)_(.+?)(\\.down|\\.verify)?\\.sql");

	/** The version of a project's first migration: three digits leave room and sort well. */
	static final String FIRST_VERSION = "001";

	/**
	 * Plans the files for {@code name} in the first folder, numbered after the highest version in
	 * any of the folders.
	 */
	static NewMigrationFiles plan(List<Path> folders, String name) {
		String description = fileNamePart(name);
		String highest = null;
		for (Path folder : folders) {
			for (String version : versionsIn(folder)) {
				if (highest == null || MigrationVersion.parse(version).compareTo(MigrationVersion.parse(highest)) > 0) {
					highest = version;
				}
			}
		}
		return new NewMigrationFiles(folders.get(0), (highest != null) ? next(highest) : FIRST_VERSION, description);
	}

	/** "add task tags" or "Add-task tags!" becomes "add_task_tags" / "Add_task_tags". */
	static String fileNamePart(String name) {
		String part = name.strip().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (part.isEmpty()) {
			throw new BadInputException("The name '" + name + "' has no letters or digits: say what the migration does,"
					+ " e.g. 'migrator create add_task_tags'");
		}
		return part;
	}

	/** The version after {@code version}: its last segment plus one, zero-padded to the same width (003 -> 004, 1.1.0 -> 1.1.1). */
	static String next(String version) {
		int dot = version.lastIndexOf('.');
		String head = version.substring(0, dot + 1);
		String last = version.substring(dot + 1);
		String incremented = new BigInteger(last).add(BigInteger.ONE).toString();
		String padding = "0".repeat(Math.max(0, last.length() - incremented.length()));
		return head + padding + incremented;
	}

	private static List<String> versionsIn(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		List<String> versions = new ArrayList<>();
		try (Stream<Path> files = Files.walk(folder)) {
			files.filter(Files::isRegularFile).forEach((file) -> {
				Matcher matcher = MIGRATION_FILE.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					versions.add(matcher.group(1));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the migration folder " + folder, ex);
		}
		return versions;
	}

	Path up() {
		return this.folder.resolve(this.version + "_" + this.description + ".sql");
	}

	Path down() {
		return this.folder.resolve(this.version + "_" + this.description + ".down.sql");
	}

	Path verify() {
		return this.folder.resolve(this.version + "_" + this.description + ".verify.sql");
	}

	List<Path> files() {
		return List.of(up(), down(), verify());
	}

	/** Writes the three files, or none when any exists already. */
	List<Path> write() {
		for (Path file : files()) {
			if (Files.exists(file)) {
				throw new BadInputException(file + " exists already; nothing was written. Pick another name, or remove"
						+ " the file if it is a leftover");
			}
		}
		String words = this.description.replace('_', ' ');
		String label = this.version + " (" + words + ")";
		write(up(), "-- " + words + "\n"
				+ "--\n"
				+ "-- Migration " + this.version + ", created " + LocalDate.now() + ". The line above is its description:\n"
				+ "-- edit it freely. Write the change below; it runs in one transaction with its history row.\n"
				+ "-- A statement that cannot run in a transaction (VACUUM, CREATE INDEX CONCURRENTLY) needs the\n"
				+ "-- line \"-- migrator:no-transaction\" added to these leading comments.\n"
				+ "-- Undo it in " + down().getFileName() + "; check it in " + verify().getFileName() + ".\n\n");
		write(down(), "-- Undoes migration " + label + ": 'migrator rollback' runs this, newest first.\n"
				+ "-- Put the schema back as it was before, e.g. DROP TABLE for a CREATE TABLE. Delete this file\n"
				+ "-- if the change cannot be undone: a rollback over " + this.version + " is then refused up front.\n\n");
		write(verify(), "-- Checks migration " + label + " before its transaction commits. Each statement is a query\n"
				+ "-- whose first row's first column must be true or non-zero, or the migration rolls back, e.g.\n"
				+ "--   SELECT count(*) = 1 FROM sqlite_master WHERE type = 'table' AND name = 'tags';\n\n");
		return files();
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
		}
		catch (FileAlreadyExistsException ex) {
			throw new BadInputException(file + " exists already; pick another name");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
