package dev.migrator.core;

import java.nio.file.Path;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.internal.resolve.MigrationIndexFile;

/**
 * The build-time index of a configuration's migrations: each file's name, size and modification
 * time, each migration's version, checksum and description, written to
 * {@value MigrationIndexFile#RESOURCE} below a class-path root. A start that finds it fresh compares
 * it with the history instead of reading and hashing every file; a stale, absent or ambiguous index
 * (several on the class path) is ignored, and every command but the up-to-date start, validate
 * included, reads the files. Meant for a build step (a Maven plugin, Spring Boot's AOT processing)
 * run after the migrations are copied to the classes directory.
 */
public final class MigrationIndex {

	/** Where a start looks for the index, on the class path. */
	public static final String RESOURCE = MigrationIndexFile.RESOURCE;

	private MigrationIndex() {
	}

	/**
	 * The index text of the configuration's migrations, read, checked and hashed now, for a build step
	 * that stores it itself (Spring AOT processing, as a generated resource); the data source is not used.
	 * @throws dev.migrator.core.api.MigratorException as {@link #write(Configuration, Path)}
	 */
	public static String render(Configuration configuration) {
		return MigrationIndexFile.render(configuration);
	}

	/**
	 * Reads, checks and hashes the configuration's migrations and writes their index below
	 * {@code classesDirectory}; the configuration's data source is not used.
	 * @return the index file
	 * @throws dev.migrator.core.api.MigratorException when the migrations have a problem, a location
	 * names the vendor, or Java migrations are configured
	 */
	public static Path write(Configuration configuration, Path classesDirectory) {
		return MigrationIndexFile.write(configuration, classesDirectory);
	}

}
