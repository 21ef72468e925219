package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RestoreResult;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/** Backups, restore, dry runs and the integrity check, as a run uses them, on real SQLite files. */
class SafetyTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT);\nINSERT INTO tasks (title) VALUES ('one');\n-- migrate:down\nDROP TABLE tasks;")
			.write("2_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN NOT NULL DEFAULT 0;\n-- migrate:down\nALTER TABLE tasks DROP COLUMN done;");
	}

	@Test
	void everyRunThatChangesTheDatabaseBacksItUpFirst() throws Exception {
		this.fx.migrator().migrate("1");
		this.fx.execute("INSERT INTO tasks (title) VALUES ('two')");

		RunResult result = this.fx.migrator().migrate();

		BackupInfo backup = result.backup();
		assertThat(backup.id()).matches("app_\\d{8}_\\d{6}(-\\d+)?_v1\\.db");
		assertThat(backup.version()).isEqualTo("1");
		assertThat(backup.verified()).isTrue();
		Path file = this.dir.resolve("backups").resolve(backup.id());
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(this.fx.migrator().backups()).extracting(BackupInfo::id).contains(backup.id());
		// the backup holds the state before the run: 'two' without the done column
		SqliteFixture copy = new SqliteFixture(Files.createDirectories(this.dir.resolve("inspect")));
		Files.copy(file, copy.db);
		assertThat(copy.query("SELECT title FROM tasks ORDER BY id")).containsExactly("one", "two");
		assertThat(copy.query("SELECT count(*) FROM pragma_table_info('tasks') WHERE name = 'done'")).containsExactly("0");
	}

	@Test
	void nothingPendingTakesNoBackup() throws Exception {
		this.fx.migrator().migrate();
		int backups = this.fx.migrator().backups().size();

		RunResult again = this.fx.migrator().migrate();

		assertThat(again.backup()).isNull();
		assertThat(this.fx.migrator().backups()).hasSize(backups);
	}

	@Test
	void compressedBackupsAreGzipped() throws Exception {
		RunResult result = this.fx.configure().backupCompress(true).load().migrate();

		assertThat(result.backup().id()).endsWith("_v0.db.gz");
		byte[] head = Arrays.copyOf(Files.readAllBytes(this.dir.resolve("backups").resolve(result.backup().id())), 2);
		assertThat(head).containsExactly(0x1f, 0x8b);
	}

	@Test
	void backupThatCannotBeWrittenStopsTheRunWithNothingChanged() throws Exception {
		this.fx.migrator().migrate("1");
		List<String> before = this.fx.dump();
		Path notADirectory = Files.writeString(this.dir.resolve("occupied"), "a file where the backup folder should be");

		assertThatThrownBy(() -> this.fx.configure().backupDirectory(notADirectory).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining(notADirectory.toString());

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void rollbackBacksUpToo() throws Exception {
		this.fx.migrator().migrate();

		RunResult result = this.fx.migrator().rollback(1, RunOptions.DEFAULT.withAllowDataLoss(true));

		assertThat(result.backup().version()).isEqualTo("2");
	}

	@Test
	void restoreBringsBackABackupAndKeepsTheStateItReplaced() throws Exception {
		this.fx.migrator().migrate("1");
		BackupInfo atOne = this.fx.migrator().migrate().backup();
		this.fx.execute("INSERT INTO tasks (title) VALUES ('written after v2')");

		RestoreResult restored = this.fx.migrator().restore(atOne.id());

		assertThat(restored.currentVersion()).hasToString("1");
		assertThat(this.fx.query("SELECT title FROM tasks")).containsExactly("one");
		assertThat(restored.safetyBackup().version()).isEqualTo("2");
		assertThat(this.fx.query("SELECT action, success, error LIKE 'restored backup " + atOne.id() + "%' FROM schema_migrations_log ORDER BY id DESC LIMIT 1"))
			.containsExactly("restore|1|1");
		// the state it replaced can be restored in turn
		this.fx.migrator().restore(restored.safetyBackup().id());
		assertThat(this.fx.query("SELECT title FROM tasks ORDER BY id")).containsExactly("one", "written after v2");
	}

	@Test
	void restoreWorksWhileAMigrationFileIsBroken() throws Exception {
		this.fx.migrator().migrate("1");
		BackupInfo atOne = this.fx.migrator().migrate().backup();
		this.fx.write("3_half_written.sql", "INSERT INTO tasks (title) VALUES ('oops);");
		this.fx.write("4_.sql", "SELECT 1;");

		RestoreResult restored = this.fx.migrator().restore(atOne.id());

		assertThat(restored.currentVersion()).hasToString("1");
		assertThat(this.fx.query("SELECT count(*) FROM pragma_table_info('tasks') WHERE name = 'done'")).containsExactly("0");
	}

	@Test
	void restoreRefusesAnythingButAListedBackup() throws Exception {
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();

		for (String id : List.of("../../etc/passwd", "/etc/passwd", "backups/app.db", "app_20260101_000000_v1.db")) {
			assertThatThrownBy(() -> this.fx.migrator().restore(id)).as(id).isInstanceOf(MigratorException.class);
		}
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void dryRunReportsWhatWouldHappenAndLeavesTheFileByteForByte() throws Exception {
		this.fx.migrator().migrate("1");
		String before = sha256(this.fx.db);
		int backups = this.fx.migrator().backups().size();

		RunResult result = this.fx.migrator().migrate(RunOptions.dryRunOnly());

		assertThat(result.dryRun()).isTrue();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("2");
		assertThat(result.migrations().get(0).duration()).isNotNull();
		assertThat(result.previousVersion()).hasToString("1");
		assertThat(result.currentVersion()).hasToString("2");
		assertThat(sha256(this.fx.db)).isEqualTo(before);
		assertThat(this.fx.migrator().info().pending()).hasSize(1);
		assertThat(this.fx.migrator().backups()).hasSize(backups);
		assertThat(dryRunCopiesLeft()).isEmpty();
	}

	@Test
	void dryRunWithNothingPendingSaysItWasADryRunAndARealRunSaysItWasNot() throws Exception {
		this.fx.migrator().migrate("1");
		RunResult dryToTarget = this.fx.migrator().migrate("1", RunOptions.dryRunOnly());
		this.fx.migrator().migrate();

		RunResult dry = this.fx.migrator().migrate(RunOptions.dryRunOnly());
		RunResult real = this.fx.migrator().migrate();

		assertThat(dry.isEmpty()).isTrue();
		assertThat(dry.dryRun()).isTrue();
		assertThat(dryToTarget.isEmpty()).isTrue();
		assertThat(dryToTarget.dryRun()).isTrue();
		assertThat(real.isEmpty()).isTrue();
		assertThat(real.dryRun()).isFalse();
	}

	@Test
	void dryRunReportsAFailureWithFileAndLineInsteadOfThrowing() throws Exception {
		this.fx.write("3_broken.sql", "CREATE TABLE fine (id INTEGER);\nINSERT INTO nowhere VALUES (1);");
		this.fx.execute("CREATE TABLE app_data (id INTEGER)");
		String before = sha256(this.fx.db);

		RunResult result = this.fx.migrator().migrate(RunOptions.dryRunOnly());

		assertThat(result.succeeded()).isFalse();
		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("1", "2");
		assertThat(result.failure().version()).hasToString("3");
		assertThat(result.failure().line()).isEqualTo(2);
		assertThat(result.failure().script()).endsWith("3_broken.sql");
		assertThat(result.failure().message()).contains("no such table: nowhere", "would fail", "the database was not changed")
			.doesNotContain("repair()");
		assertThat(sha256(this.fx.db)).isEqualTo(before);
		assertThat(dryRunCopiesLeft()).isEmpty();
	}

	@Test
	void dryRunRollbackLeavesTheDatabaseAsItWas() throws Exception {
		this.fx.migrator().migrate();
		String before = sha256(this.fx.db);

		RunResult result = this.fx.migrator().rollbackTo("0", RunOptions.dryRunOnly().withAllowDataLoss(true));

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("2", "1");
		assertThat(result.dataLoss()).hasSize(2);
		assertThat(result.currentVersion().isEmpty()).isTrue();
		assertThat(sha256(this.fx.db)).isEqualTo(before);
	}

	@Test
	void failedIntegrityCheckAfterTheRunRestoresTheBackup() throws Exception {
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();
		// Rows that break a CHECK constraint, slipped in with the checks switched off: damage the
		// migration's own statements do not notice, and the full integrity check does.
		this.fx.write("3_damage.sql", """
				CREATE TABLE scores (points INTEGER CHECK (points >= 0));
				PRAGMA ignore_check_constraints = ON;
				INSERT INTO scores VALUES (-5);
				PRAGMA ignore_check_constraints = OFF;
				""");

		assertThatThrownBy(() -> this.fx.configure().integrityCheck(IntegrityCheck.FULL).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("integrity check failed after the run")
			.hasMessageContaining("restored from backup");

		assertThat(this.fx.dump().stream().filter((l) -> !l.contains("schema_migrations")).toList())
			.isEqualTo(before.stream().filter((l) -> !l.contains("schema_migrations")).toList());
		assertThat(this.fx.query("PRAGMA integrity_check")).containsExactly("ok");
	}

	@Test
	void inMemoryDatabaseMigratesWithoutBackupAndSaysSo() {
		RunResult result = Migrator.configure().url("jdbc:sqlite::memory:").locations("filesystem:" + this.fx.migrations).load().migrate();

		assertThat(result.migrations()).hasSize(2);
		assertThat(result.backup()).isNull();
		assertThat(result.warnings()).anySatisfy((w) -> assertThat(w).contains("No backup was taken").contains("in-memory"));
	}

	private static List<Path> dryRunCopiesLeft() throws Exception {
		try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return entries.filter((p) -> p.getFileName().toString().startsWith("migrator-dry-run-")).toList();
		}
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
