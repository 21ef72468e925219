package dev.migrator.benchmarks.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One set of migrations, written out for every tool in the form it reads, so that every tool runs
 * exactly the same statements: a figure compares tools, never content. Each migration creates a
 * table, an index on it and inserts a few rows; the SQL is the common subset of SQLite and
 * PostgreSQL, so one set serves both.
 */
public final class GeneratedMigrations {

	/** The changelog's file name in the folder {@link #writeLiquibase} writes. */
	public static final String LIQUIBASE_CHANGELOG = "changelog.sql";

	private final List<Migration> migrations;

	private GeneratedMigrations(List<Migration> migrations) {
		this.migrations = List.copyOf(migrations);
	}

	/**
	 * {@code count} migrations, each creating table {@code t_<n>} with an index and {@code rows} rows.
	 */
	public static GeneratedMigrations smallTables(int count, int rows) {
		List<Migration> migrations = new ArrayList<>();
		for (int version = 1; version <= count; version++) {
			String table = table(version);
			List<String> statements = new ArrayList<>();
			statements.add("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, amount INTEGER NOT NULL)");
			statements.add("CREATE INDEX " + table + "_name ON " + table + " (name)");
			for (int row = 1; row <= rows; row++) {
				statements.add("INSERT INTO " + table + " (id, name, amount) VALUES (" + row + ", 'row " + row
						+ " of migration " + version + "', " + (version * 31 + row) % 1000 + ")");
			}
			migrations.add(new Migration(version, "create " + table, statements));
		}
		return new GeneratedMigrations(migrations);
	}

	/** The table the migration of {@code version} creates. */
	public static String table(int version) {
		return String.format("t_%04d", version);
	}

	public List<Migration> migrations() {
		return this.migrations;
	}

	/** Migrator's layout: {@code <version>_<description>.sql}. */
	public Path writeMigrator(Path directory) {
		for (Migration migration : this.migrations) {
			write(directory.resolve(migration.version() + "_" + migration.fileDescription() + ".sql"), migration.script());
		}
		return directory;
	}

	/** Flyway's layout: {@code V<version>__<description>.sql}. */
	public Path writeFlyway(Path directory) {
		for (Migration migration : this.migrations) {
			write(directory.resolve("V" + migration.version() + "__" + migration.fileDescription() + ".sql"),
					migration.script());
		}
		return directory;
	}

	/**
	 * Liquibase's formatted SQL: one changelog, one changeset per migration, so that each runs in a
	 * transaction of its own as with the other tools.
	 * @return the changelog file, named {@link #LIQUIBASE_CHANGELOG}
	 */
	public Path writeLiquibase(Path directory) {
		StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
		for (Migration migration : this.migrations) {
			changelog.append("\n--changeset benchmark:").append(migration.version()).append('\n')
				.append("--comment: ").append(migration.description()).append('\n')
				.append(migration.script());
		}
		Path file = directory.resolve(LIQUIBASE_CHANGELOG);
		write(file, changelog.toString());
		return file;
	}

	private static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write generated migration " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * One migration: its statements without terminators, the way raw JDBC executes them.
	 */
	public record Migration(int version, String description, List<String> statements) {

		public Migration {
			statements = List.copyOf(statements);
		}

		/** The statements as one script, each ended by a semicolon on its own line. */
		public String script() {
			StringBuilder script = new StringBuilder();
			for (String statement : this.statements) {
				script.append(statement).append(";\n");
			}
			return script.toString();
		}

		String fileDescription() {
			return this.description.replace(' ', '_');
		}

		/** SHA-256 of the script, what raw JDBC records in its history. */
		public String checksum() {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				return HexFormat.of().formatHex(digest.digest(script().getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
			}
		}

	}

}
