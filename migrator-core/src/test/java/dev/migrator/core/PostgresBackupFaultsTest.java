package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.DumpTool;

/**
 * pg_dump backups and restores on the test server when something is off: the password and TLS mode of
 * the URL, a backup of another schema, a safety dump that fails. The client tools are the real ones,
 * behind wrappers that record what they were given or fail on request.
 */
class PostgresBackupFaultsTest {

	@TempDir
	Path dir;

	PostgresFixture fx;

	Path tools;

	Path calls;

	Path failNextDump;

	@BeforeEach
	void setUp() throws Exception {
		assumeTrue(tool("pg_dump") != null && tool("pg_restore") != null && tool("psql") != null,
				"the PostgreSQL client tools (Debian: postgresql-client) are not installed here");
		this.fx = new PostgresFixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL);\n"
				+ "INSERT INTO tasks VALUES (1, 'one');");
		this.tools = Files.createDirectories(this.dir.resolve("tools"));
		this.calls = this.dir.resolve("calls.txt");
		this.failNextDump = this.dir.resolve("fail-next-dump");
		for (String name : List.of("pg_dump", "pg_restore", "psql")) {
			String fail = name.equals("pg_dump") ? "if [ -e '" + this.failNextDump + "' ]; then echo 'pg_dump: error: could"
					+ " not write to output file: No space left on device' >&2; exit 1; fi\n" : "";
			wrapper(this.tools.resolve(name), fail + "echo \"" + name + " PGPASSWORD=$PGPASSWORD PGSSLMODE=$PGSSLMODE ARGS=$*\""
					+ " >> '" + this.calls + "'\nexec " + tool(name) + " \"$@\"");
		}
	}

	private Migrator migrator(String url, String schema) {
		return Migrator.configure()
			.url(url)
			.schema(schema)
			.locations("filesystem:" + this.fx.migrations)
			.backupDirectory(this.dir.resolve("backups"))
			.backupDumpTool(this.tools.resolve("pg_dump"))
			.load();
	}

	@Test
	void thePasswordAndTlsModeOfTheUrlReachTheToolsInTheirEnvironmentNeverOnTheirCommandLine() throws Exception {
		Migrator migrator = migrator(this.fx.url() + "&password=pw-s3cret&sslmode=disable", this.fx.schema);
		migrator.migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
		BackupInfo before2 = migrator.migrate().backup();

		migrator.restore(before2.id());

		assertThat(this.fx.tables()).doesNotContain("tags");
		List<String> calls = Files.readAllLines(this.calls);
		assertThat(calls).anyMatch((line) -> line.startsWith("pg_dump "))
			.anyMatch((line) -> line.startsWith("pg_restore "))
			.anyMatch((line) -> line.startsWith("psql "))
			.allMatch((line) -> line.contains("PGPASSWORD=pw-s3cret PGSSLMODE=disable ARGS="))
			.noneMatch((line) -> line.substring(line.indexOf("ARGS=")).contains("pw-s3cret"));
	}

	@Test
	void aBackupOfAnotherSchemaInTheSharedFolderIsRefusedAndNothingIsTouched() throws Exception {
		Migrator first = migrator(this.fx.url(), this.fx.schema);
		first.migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
		BackupInfo ofFirst = first.migrate().backup();
		PostgresFixture other = new PostgresFixture(this.dir.resolve("other"));
		Migrator second = migrator(other.url(), other.schema);
		second.migrate();
		List<String> secondBefore = other.dump();

		assertThatThrownBy(() -> second.restore(ofFirst.id())).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Backup " + ofFirst.id() + " is of ")
			.hasMessageContaining("restore one of this database's backups")
			.hasMessageContaining("The database was not touched");

		assertThat(other.dump()).isEqualTo(secondBefore);
	}

	@Test
	void aRestoreWhoseSafetyDumpFailsIsNotStartedAndSaysWhy() throws Exception {
		Migrator migrator = migrator(this.fx.url(), this.fx.schema);
		migrator.migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO tags VALUES (7);");
		BackupInfo before2 = migrator.migrate().backup();
		List<String> atVersion2 = this.fx.dump();
		Files.createFile(this.failNextDump);

		assertThatThrownBy(() -> migrator.restore(before2.id())).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Restoring " + before2.id() + " was not started: the safety backup of the current"
					+ " state failed.")
			.hasMessageContaining("No space left on device")
			.hasMessageEndingWith("The database was not touched.");

		assertThat(this.fx.dump()).isEqualTo(atVersion2);
	}

	private static String tool(String name) {
		return DumpTool.find(null, name, System.getenv("PATH")).map((tool) -> tool.executable().toString()).orElse(null);
	}

	private static void wrapper(Path file, String body) throws IOException {
		Files.writeString(file, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
	}

}
