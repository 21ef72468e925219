package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;

/**
 * What a run killed while it backed up or restored leaves in the backup folder, as
 * {@link CrashSafetyTest} found it: a copy under its {@code .partial} name beside the empty name it
 * had reserved, or a restore's working copy, each a whole database's size. The next run that backs
 * up or restores the same database deletes them, and nothing else.
 */
class CrashLeftoversTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	Path backups;

	@BeforeEach
	void migrateOnce() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT);");
		this.fx.migrator().migrate();
		this.backups = this.dir.resolve("backups");
		assertThat(verifiedBackups()).hasSize(1);
	}

	@Test
	void theNextBackupDeletesWhatAKilledBackupOrRestoreOfTheSameDatabaseLeft() throws Exception {
		List<String> litter = List.of("app_20250101_120000_v1.db", "app_20250101_120000_v1.db.partial",
				"app_20250101_120000_v1.db.partial-journal", "app_20250101_120001_v1.db.gz",
				"app_20250101_120001_v1.db.gz.sha256", "app_20250101_120001_v1.db.gz.partial",
				".restore-app.4711.db", ".restore-app.4711.db-journal");
		List<String> notOurs = List.of("other_20250101_120000_v1.db", "other_20250101_120000_v1.db.partial",
				".restore-other.4711.db", ".restore-app.x.4711.db", "app_20240101_000000_v1.db", "notes.partial",
				"notes.txt");
		for (String name : Stream.concat(litter.stream(), notOurs.stream()).toList()) {
			Files.writeString(this.backups.resolve(name), "left by a killed run");
		}
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);");

		this.fx.migrator().migrate();

		assertThat(this.backups).isDirectoryNotContaining((file) -> litter.contains(file.getFileName().toString()));
		for (String name : notOurs) {
			assertThat(this.backups.resolve(name)).as("not left by a run on app.db").exists();
		}
		assertThat(verifiedBackups()).hasSize(2);
	}

	@Test
	void theNextRestoreDeletesThemBeforeItStarts() throws Exception {
		Files.writeString(this.backups.resolve(".restore-app.4711.db"), "left by a killed restore");
		Files.writeString(this.backups.resolve("app_20250101_120000_v1.db.partial"), "left by a killed safety backup");
		Files.writeString(this.backups.resolve("app_20250101_120000_v1.db"), "");

		this.fx.migrator().restore(verifiedBackups().get(0).id());

		try (Stream<Path> files = Files.list(this.backups)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.noneMatch((name) -> name.startsWith(".restore-") || name.contains(".partial")
						|| name.equals("app_20250101_120000_v1.db"));
		}
		assertThat(verifiedBackups()).as("the one restored and the safety backup").hasSize(2);
	}

	private List<BackupInfo> verifiedBackups() {
		return this.fx.migrator().backups().stream().filter(BackupInfo::verified).toList();
	}

}
