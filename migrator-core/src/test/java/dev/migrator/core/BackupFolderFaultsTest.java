package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;

/**
 * A SQLite database's backup folder when the file system gets in the way (checked as root too, so no
 * permission bits: a file where a folder should be, a folder where a file should be). The run is told
 * where and what to do, or goes on when only a leftover is at stake.
 */
class BackupFolderFaultsTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	private PrintStream originalErr;

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT);\n"
				+ "INSERT INTO tasks VALUES (1, 'one');");
		this.originalErr = System.err;
		System.setErr(new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restoreTheLog() {
		System.setErr(this.originalErr);
	}

	private String log() {
		return this.log.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aBackupFolderBelowAFileIsReportedBeforeTheDatabaseIsTouched() throws Exception {
		this.fx.configure().backupEnabled(false).load().migrate();
		List<String> before = this.fx.dump();
		Path file = Files.writeString(this.dir.resolve("not-a-folder"), "x");
		Path backups = file.resolve("backups");
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");

		assertThatThrownBy(() -> this.fx.configure().backupDirectory(backups).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("Cannot create the backup directory " + backups)
			.hasMessageContaining("point backup.directory at a folder this process can write to");

		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(file).hasContent("x");
	}

	@Test
	void aBackupWhoseChecksumFileCannotBeReadIsListedAsUnverifiedAndTheListingGoesOn() throws Exception {
		Path backups = this.dir.resolve("backups");
		Migrator migrator = this.fx.configure().backupDirectory(backups).load();
		migrator.migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
		BackupInfo taken = migrator.migrate().backup();
		assertThat(taken.verified()).isTrue();
		Path sidecar = backups.resolve(taken.id() + ".sha256");
		Files.delete(sidecar);
		Files.createDirectories(sidecar.resolve("in-the-way"));

		assertThat(migrator.backups()).filteredOn((listed) -> listed.id().equals(taken.id())).singleElement()
			.satisfies((listed) -> assertThat(listed.verified()).isFalse());
		assertThat(log()).contains("Could not read backup " + backups.resolve(taken.id()) + " to check it");
		assertThatThrownBy(() -> migrator.restore(taken.id())).isInstanceOf(MigratorException.class)
			.hasMessageContaining(taken.id());
		assertThat(this.fx.tables()).contains("tags");
	}

	@Test
	void anOldBackupThatWillNotGoIsLoggedAndTheRunKeepsItsFreshOne() throws Exception {
		Path backups = this.dir.resolve("backups");
		Migrator migrator = this.fx.configure().backupDirectory(backups).backupRetention(1, Duration.ZERO).load();
		migrator.migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
		BackupInfo old = migrator.migrate().backup();
		// a folder where the old backup's state file goes: deleting it fails
		Path state = backups.resolve(old.id() + ".state");
		Files.deleteIfExists(state);
		Files.createDirectories(state.resolve("in-the-way"));
		Thread.sleep(1100); // the next backup's name is a second later
		this.fx.write("3_labels.sql", "CREATE TABLE labels (id INTEGER PRIMARY KEY);");

		RunResult run = migrator.migrate();

		assertThat(run.backup()).isNotNull();
		assertThat(this.fx.tables()).contains("labels");
		assertThat(log()).contains("Could not delete old backup " + backups.resolve(old.id()));
		assertThat(migrator.backups()).extracting(BackupInfo::id).contains(run.backup().id());
	}

}
