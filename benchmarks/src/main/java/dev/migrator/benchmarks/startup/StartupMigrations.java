package dev.migrator.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The migrations every start-up variant finds already applied: {@code count} small ones, each
 * creating a table and an index and inserting 10 rows, in SQL that SQLite and PostgreSQL both
 * accept. The content is identical for every tool; only the file names follow each tool's rules
 * ({@code 001_create_bench_001.sql} for Migrator, {@code V001__create_bench_001.sql} for Flyway).
 */
public final class StartupMigrations {

	/** The table name prefix, so checks can count exactly the generated tables. */
	public static final String TABLE_PREFIX = "bench_";

	private final int count;

	public StartupMigrations(int count) {
		if (count < 1 || count > 999) {
			throw new IllegalArgumentException("between 1 and 999 migrations, not " + count);
		}
		this.count = count;
	}

	public int count() {
		return this.count;
	}

	/** The statements of migration {@code number} (1-based), without terminators. */
	public List<String> statements(int number) {
		String table = table(number);
		List<String> statements = new ArrayList<>();
		statements.add("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, amount INTEGER NOT NULL)");
		statements.add("CREATE INDEX " + table + "_name ON " + table + " (name)");
		for (int row = 1; row <= 10; row++) {
			statements.add("INSERT INTO " + table + " (id, name, amount) VALUES (" + row + ", 'row " + row + " of "
					+ table + "', " + (row * number) + ")");
		}
		return statements;
	}

	/** One migration's script, as written for every tool. */
	public String script(int number) {
		StringBuilder script = new StringBuilder();
		for (String statement : statements(number)) {
			script.append(statement).append(";\n");
		}
		return script.toString();
	}

	/** Writes the Migrator files into {@code directory} and returns it. */
	public Path writeForMigrator(Path directory) throws IOException {
		return write(directory, "%03d_create_bench_%03d.sql");
	}

	/** Writes the Flyway files into {@code directory} and returns it. */
	public Path writeForFlyway(Path directory) throws IOException {
		return write(directory, "V%03d__create_bench_%03d.sql");
	}

	private Path write(Path directory, String namePattern) throws IOException {
		Files.createDirectories(directory);
		for (int number = 1; number <= this.count; number++) {
			Files.writeString(directory.resolve(namePattern.formatted(number, number)), script(number),
					StandardCharsets.UTF_8);
		}
		return directory;
	}

	private static String table(int number) {
		return TABLE_PREFIX + "%03d".formatted(number);
	}

}
