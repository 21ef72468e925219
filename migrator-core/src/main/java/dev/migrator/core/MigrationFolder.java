package dev.migrator.core;

import java.nio.file.Path;
import java.util.List;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.FolderConversion;
import dev.migrator.core.api.ScriptedMigration;
import dev.migrator.core.internal.resolve.FolderConverter;

/**
 * A folder of SQL migrations on its own, with no database: read as the engine reads it, in whatever
 * convention it is in, or rewritten into Migrator's own convention in a new folder.
 */
public final class MigrationFolder {

	/** The conventions {@link #convert} reads, by the names its {@code tool} takes. */
	public static final List<String> TOOLS = FolderConverter.tools();

	private MigrationFolder() {
	}

	/**
	 * The folder's migrations in version order, as the engine reads them; Flyway placeholders are
	 * left as written.
	 * @throws dev.migrator.core.api.ValidationException when a file has a problem, or the folder mixes conventions
	 */
	public static List<ScriptedMigration> read(Path folder) {
		return FolderConverter.read(configuration(folder));
	}

	/**
	 * Writes the migrations of {@code from} into the new folder {@code to} in Migrator's own convention,
	 * reads both back and compares them; {@code to} must not exist or be empty, and nothing is changed in
	 * {@code from}.
	 * @param tool the convention {@code from} must be in ({@link #TOOLS}), or null to take the one found
	 * @throws dev.migrator.core.api.MigratorException when the folders cannot be converted; nothing is
	 * left written then
	 */
	public static FolderConversion convert(Path from, String tool, Path to) {
		return FolderConverter.convert(from, configuration(from), tool, to, configuration(to));
	}

	/** Where {@link #convert} writes when no folder is given: beside {@code from}, named after it. */
	public static Path defaultTarget(Path from) {
		return FolderConverter.defaultTarget(from);
	}

	private static Configuration configuration(Path folder) {
		// the data source is never opened: a folder is read on its own
		return Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + folder.toAbsolutePath().normalize())
			.configuration();
	}

}
