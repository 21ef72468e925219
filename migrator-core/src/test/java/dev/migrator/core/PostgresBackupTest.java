package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.internal.backup.DumpTool;
import dev.migrator.core.testing.ChildJvm;

/**
 * Backups of PostgreSQL with pg_dump. The tests that need a real pg_dump (the PostgreSQL client
 * tools, as new as the test server) skip where there is none; the rest use small scripts standing in
 * for a pg_dump that fails, and a run without any.
 */
class PostgresBackupTest {

	@TempDir
	Path dir;

	PostgresFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100));\nINSERT INTO tasks VALUES (1, 'one');");
	}

	private Migrator.Builder withBackups() {
		// the fixture's own schema only: the shared test database holds every other test's too
		return this.fx.configure().backupEnabled(true).schema(this.fx.schema);
	}

	private static void assumePgDump() {
		assumeTrue(DumpTool.find(null, "pg_dump", System.getenv("PATH")).isPresent(), "pg_dump is not installed here");
	}

	@Test
	void aChangingRunTakesAVerifiedPrivateDumpFirst() throws Exception {
		assumePgDump();
		this.withBackups().load().migrate();
		this.fx.write("2_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN;");

		RunResult result = this.withBackups().load().migrate();

		BackupInfo backup = result.backup();
		// named after the schema too: the schemas of one database (tenants) never mix their dumps
		assertThat(backup.id()).matches("migrator_tests\\." + this.fx.schema + "_\\d{8}_\\d{6}(-\\d+)?_v1\\.dump");
		assertThat(backup.verified()).isTrue();
		assertThat(backup.checksum()).hasSize(64);
		Path file = this.dir.resolve("backups").resolve(backup.id());
		assertThat(Files.readAllBytes(file)).startsWith("PGDMP".getBytes());
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(file.resolveSibling(backup.id() + ".sha256"))).startsWith(backup.checksum());
		assertThat(this.withBackups().load().backups()).extracting(BackupInfo::id).contains(backup.id());
		assertThat(this.withBackups().load().migrate().backup()).as("nothing pending, no backup").isNull();
	}

	@Test
	void restoreRefusesAnIdThatIsNotAListedBackup() throws Exception {
		assumePgDump();
		this.withBackups().load().migrate();
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.withBackups().load().restore("other_20260101_000000_v1.dump"))
			.hasMessageContaining("There is no backup 'other_20260101_000000_v1.dump'");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aFailureNoTransactionCanUndoOffersTheDumpToRestore() throws Exception {
		assumePgDump();
		this.fx.write("2_index.sql", "-- migrator:no-transaction\nCREATE INDEX CONCURRENTLY tasks_title ON tasks (title);\nSELEC 1;");

		assertThatThrownBy(() -> this.withBackups().load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("2_index.sql:3: ")
			.hasMessageContaining("ran outside a transaction")
			.hasMessageContaining("was NOT restored automatically")
			.hasMessageContaining("restore(\"migrator_tests." + this.fx.schema + "_");
	}

	@Test
	void retentionKeepsTheNewestDumps() throws Exception {
		assumePgDump();
		Migrator migrator = this.withBackups().backupRetention(1, Duration.ZERO).load();
		migrator.migrate();
		for (int i = 2; i <= 3; i++) {
			this.fx.write(i + "_c" + i + ".sql", "ALTER TABLE tasks ADD COLUMN c" + i + " INTEGER;");
			migrator.migrate();
		}

		assertThat(migrator.backups()).hasSize(1).first().satisfies((b) -> assertThat(b.version()).isEqualTo("2"));
	}

	@Test
	void aDumpToolThatFailsStopsTheRunBeforeAnythingChanged() throws Exception {
		Path failing = script("failing-pg_dump", "echo 'connection to server failed: no password supplied' >&2; exit 2");

		assertThatThrownBy(() -> this.withBackups().backupDumpTool(failing).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("pg_dump of migrator_tests failed (exit code 2): connection to server failed")
			.hasMessageContaining("The database was not changed");
		assertThat(this.fx.tables()).isEmpty();
		assertThat(this.dir.resolve("backups")).isEmptyDirectory();
	}

	@Test
	void aDumpThatIsNoArchiveFailsVerification() throws Exception {
		Path garbage = script("garbage-pg_dump",
				"for a in \"$@\"; do case \"$a\" in --file=*) echo 'not an archive' > \"${a#--file=}\";; esac; done");

		assertThatThrownBy(() -> this.withBackups().backupDumpTool(garbage).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("failed verification: it is not a pg_dump custom-format archive");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void aConfiguredDumpToolThatIsNotThereIsAnError() {
		Path missing = this.dir.resolve("bin/pg_dump");

		assertThatThrownBy(() -> this.withBackups().backupDumpTool(missing).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("The dump tool " + missing + " (migrator.backup.dump-tool) is not an executable file");
	}

	@Test
	void withoutPgDumpTheRunSaysItReliesOnTransactionsAlone() throws Exception {
		try (ChildJvm child = ChildJvm.start(this.dir, "no-pg-dump", Map.of("PATH", ""), PostgresRunner.class,
				this.fx.url(), this.fx.migrations.toString(), LockMode.AUTO.name(), "30000", "0", "backups")) {
			assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.output()).isZero();
			assertThat(child.stdoutLines()).contains("DONE 1")
				.anySatisfy((line) -> assertThat(line).startsWith("WARNING No backup was taken: pg_dump was not found on"
						+ " the PATH").endsWith("the run relies on transactions alone"));
		}
	}

	private Path script(String name, String body) throws Exception {
		Path file = Files.writeString(this.dir.resolve(name), "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
		return file;
	}

}
