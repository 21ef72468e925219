package dev.migrator.core.api;

import java.nio.file.Path;

/**
 * A command that only reads found no SQLite database where the URL points, and created none: the path
 * is mistyped, or the database has not been created yet (migrate and baseline create it).
 */
public class DatabaseNotFoundException extends MigratorException {

	private final Path path;

	public DatabaseNotFoundException(String message, Path path) {
		super(message);
		this.path = path;
	}

	/** Where the database was looked for. */
	public Path path() {
		return this.path;
	}

}
