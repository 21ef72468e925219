package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RestoreResult;
import dev.migrator.core.internal.backup.DumpTool;
import dev.migrator.core.testing.PostgresServer;

/**
 * {@code restore(id)} on PostgreSQL: pg_restore into the same database in one transaction, after a
 * safety dump. Each round trip is compared with a full {@code pg_dump} (schema and rows) of the
 * state the backup was taken in. Skipped where the PostgreSQL client tools are not installed.
 */
class PostgresRestoreTest {

	@TempDir
	Path dir;

	PostgresFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		assumeTrue(tool("pg_dump") != null && tool("pg_restore") != null && tool("psql") != null,
				"the PostgreSQL client tools (Debian: postgresql-client) are not installed here");
		this.fx = new PostgresFixture(this.dir);
		this.fx.write("1_tasks.sql", """
				CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL);
				INSERT INTO tasks VALUES (1, 'one'), (2, 'two');
				CREATE INDEX tasks_title ON tasks (title);
				CREATE VIEW task_titles AS SELECT title FROM tasks;
				""");
	}

	private Migrator migrator() {
		return this.fx.configure().backupEnabled(true).schema(this.fx.schema).load();
	}

	@Test
	void aRestoreBringsBackExactlyTheStateTheBackupHolds() throws Exception {
		migrator().migrate();
		String atVersion1 = fullDump(PostgresServer.DATABASE, this.fx.schema);
		this.fx.write("2_more.sql", """
				ALTER TABLE tasks ADD COLUMN done BOOLEAN NOT NULL DEFAULT false;
				UPDATE tasks SET title = 'changed';
				CREATE TABLE tags (id INTEGER PRIMARY KEY);
				""");
		BackupInfo before2 = migrator().migrate().backup();

		RestoreResult result = migrator().restore(before2.id());

		assertThat(fullDump(PostgresServer.DATABASE, this.fx.schema)).isEqualTo(atVersion1);
		assertThat(this.fx.tables()).doesNotContain("tags");
		assertThat(result.currentVersion().toString()).isEqualTo("1");
		assertThat(result.restored().id()).isEqualTo(before2.id());
		assertThat(migrator().backups()).extracting(BackupInfo::id).contains(result.safetyBackup().id());
		// the log written since the backup (migration 2's entry) is carried over
		assertThat(migrator().log(20)).extracting(LogRecord::action).contains("restore");
		assertThat(migrator().log(20)).extracting(LogRecord::version).contains("2");
	}

	@Test
	void theSafetyBackupUndoesTheRestore() throws Exception {
		migrator().migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO tags VALUES (7);");
		BackupInfo before2 = migrator().migrate().backup();
		String atVersion2 = fullDump(PostgresServer.DATABASE, this.fx.schema);

		RestoreResult restore = migrator().restore(before2.id());
		migrator().restore(restore.safetyBackup().id());

		assertThat(fullDump(PostgresServer.DATABASE, this.fx.schema)).isEqualTo(atVersion2);
	}

	@Test
	void aWholeDatabaseIsRestoredWhenNoSchemaIsConfigured() throws Exception {
		String database = "restore_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
		try (Connection admin = DriverManager.getConnection(PostgresServer.url(null));
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		String url = "jdbc:postgresql://localhost:" + PostgresServer.port() + "/" + database + "?user=postgres";
		Migrator migrator = Migrator.configure()
			.url(url)
			.locations("filesystem:" + this.fx.migrations)
			.backupDirectory(this.dir.resolve("backups"))
			.load();
		migrator.migrate();
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA reports");
			statement.execute("CREATE TABLE reports.daily (day DATE PRIMARY KEY)");
		}
		String atVersion1 = fullDump(database, null);
		this.fx.write("2_more.sql", "CREATE TABLE public.tags (id INTEGER);\nDROP TABLE reports.daily;");
		BackupInfo before2 = migrator.migrate().backup();

		migrator.restore(before2.id());

		assertThat(fullDump(database, null)).isEqualTo(atVersion1);
	}

	/**
	 * A restore that fails half-way (here the archive's SQL fails after creating a table) is rolled
	 * back whole: the drops too, so the database is as it was before the restore.
	 */
	@Test
	void aRestoreThatFailsHalfWayLeavesTheDatabaseAsItWas() throws Exception {
		Path tools = Files.createDirectories(this.dir.resolve("tools"));
		wrapper(tools.resolve("pg_dump"), "exec " + tool("pg_dump") + " \"$@\"");
		wrapper(tools.resolve("psql"), "exec " + tool("psql") + " \"$@\"");
		wrapper(tools.resolve("pg_restore"), "case \"$1\" in --list) exec " + tool("pg_restore") + " \"$@\";; esac\n"
				+ "echo 'CREATE TABLE restored_half (id INTEGER);'\necho 'SELECT 1/0;'");
		Migrator migrator = this.fx.configure()
			.backupEnabled(true)
			.schema(this.fx.schema)
			.backupDumpTool(tools.resolve("pg_dump"))
			.load();
		migrator.migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
		BackupInfo before2 = migrator.migrate().backup();
		String atVersion2 = fullDump(PostgresServer.DATABASE, this.fx.schema);

		assertThatThrownBy(() -> migrator.restore(before2.id())).isInstanceOf(MigratorException.class)
			.hasMessageContaining("failed and was rolled back, so the database is as it was")
			.hasMessageContaining("division by zero")
			.hasMessageContaining("safety backup");

		assertThat(fullDump(PostgresServer.DATABASE, this.fx.schema)).isEqualTo(atVersion2);
	}

	@Test
	void aDamagedBackupIsRefusedBeforeAnythingIsTouched() throws Exception {
		migrator().migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
		BackupInfo before2 = migrator().migrate().backup();
		Path file = this.dir.resolve("backups").resolve(before2.id());
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 0x5A;
		Files.write(file, bytes);
		String atVersion2 = fullDump(PostgresServer.DATABASE, this.fx.schema);

		assertThatThrownBy(() -> migrator().restore(before2.id())).isInstanceOf(MigratorException.class)
			.hasMessageContaining(before2.id())
			.hasMessageContaining("not touched");

		assertThat(fullDump(PostgresServer.DATABASE, this.fx.schema)).isEqualTo(atVersion2);
	}

	/**
	 * After a failure no transaction can undo, the run's backup is offered to restore (not restored
	 * by itself: PostgreSQL cannot tell whether other connections wrote since), and restoring it
	 * brings back the state before the run.
	 */
	@Test
	void aFailureOutsideATransactionOffersTheRunsBackupAndRestoringItUndoesTheRun() throws Exception {
		migrator().migrate();
		String atVersion1 = fullDump(PostgresServer.DATABASE, this.fx.schema);
		this.fx.write("2_index.sql", "-- migrator:no-transaction\nCREATE TABLE half (id INTEGER);\nSELEC 1;");

		MigrationFailedException failure = (MigrationFailedException) org.assertj.core.api.Assertions
			.catchThrowable(() -> migrator().migrate());
		String id = migrator().backups().get(0).id();
		migrator().restore(id);

		assertThat(failure.getMessage()).contains("2_index.sql:3: ", "was NOT restored automatically",
				"restore(\"" + id + "\")");
		assertThat(this.fx.tables()).doesNotContain("half");
		assertThat(fullDump(PostgresServer.DATABASE, this.fx.schema)).isEqualTo(atVersion1);
	}

	/**
	 * Every object and row of the schema (or database), as plain SQL without its comments; the
	 * history tables aside, since a restore carries the log written since the backup over.
	 */
	private String fullDump(String database, String schema) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(tool("pg_dump"), "--no-password", "--host=localhost",
				"--port=" + PostgresServer.port(), "--username=postgres", "--dbname=" + database,
				"--exclude-table-data=" + ((schema != null) ? schema : "public") + ".schema_migrations_log"));
		if (schema != null) {
			command.add("--schema=" + schema);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		// \restrict carries a random key per dump
		return String.join("\n", out.lines()
			.filter((line) -> !line.startsWith("--") && !line.isBlank() && !line.startsWith("\\restrict")
					&& !line.startsWith("\\unrestrict") && !line.contains("schema_migrations_log_id_seq',"))
			.toList());
	}

	private static String tool(String name) {
		return DumpTool.find(null, name, System.getenv("PATH")).map((tool) -> tool.executable().toString()).orElse(null);
	}

	private static void wrapper(Path file, String body) throws IOException {
		Files.writeString(file, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
	}

}
