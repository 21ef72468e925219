package dev.migrator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.migrator.core.Migrator;

/**
 * A project folder as an operator has it: {@code db/migration} with scripts and a real SQLite
 * file {@code app.db}. Set-up that is not under test (migrating to a starting state) goes through
 * the engine in this JVM, which is faster than another child process.
 */
final class Project {

	static final String CREATE_TASKS = """
			CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
			INSERT INTO tasks (title) VALUES ('write the docs');

			-- migrate:down
			DROP TABLE tasks;

			-- migrate:verify
			SELECT count(*) = 1 FROM sqlite_master WHERE name = 'tasks';
			""";

	static final String ADD_TAGS = """
			CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);

			-- migrate:down
			DROP TABLE tags;
			""";

	static final String ADD_AUDIT = """
			CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
			INSERT INTO audit (what) VALUES ('created'), ('tagged');

			-- migrate:down
			DROP TABLE audit;
			""";

	private final Path directory;

	Project(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(migrations());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A project with three migrations that roll back: tasks, tags and audit (the last holds two rows). */
	static Project withThreeMigrations(Path directory) {
		return new Project(directory).migration("001_create_tasks.sql", CREATE_TASKS)
			.migration("002_add_tags.sql", ADD_TAGS)
			.migration("003_add_audit.sql", ADD_AUDIT);
	}

	Path directory() {
		return this.directory;
	}

	Path migrations() {
		return this.directory.resolve("db/migration");
	}

	Path database() {
		return this.directory.resolve("app.db");
	}

	String url() {
		return "jdbc:sqlite:" + database();
	}

	Project migration(String name, String text) {
		try {
			Files.writeString(migrations().resolve(name), text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/** The engine on this project, for set-up and for checking what the command line did. */
	Migrator engine() {
		return Migrator.configure().url(url()).locations("filesystem:" + migrations()).load();
	}

	/** Migrates up to {@code version} through the engine. */
	Project migratedTo(String version) {
		engine().migrate(version);
		return this;
	}

	/** A run of the command line in this project's folder, against its database. */
	CliRun cli() {
		return new CliRun(this.directory).env("MIGRATOR_URL", url());
	}

	/** The SHA-256 of the database file, to prove a command changed nothing. */
	String databaseChecksum() {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(database())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
