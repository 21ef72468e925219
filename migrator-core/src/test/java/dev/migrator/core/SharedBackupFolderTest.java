package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigratorException;

/**
 * Two SQLite databases backed up into one folder (several migrators or tenants given one
 * {@code backup.directory}): each lists, and so offers for a restore, only its own backups.
 */
class SharedBackupFolderTest {

	@TempDir
	Path dir;

	@Test
	void eachDatabaseListsOnlyItsOwnBackupsAndRefusesTheOthers() throws Exception {
		Path backups = this.dir.resolve("backups");
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("001_create_tasks.sql"), "CREATE TABLE tasks (id INTEGER PRIMARY KEY);\n");
		Files.writeString(migrations.resolve("002_add_title.sql"), "ALTER TABLE tasks ADD COLUMN title TEXT;\n");
		Migrator app = migrator("app.db", migrations, backups);
		Migrator reports = migrator("reports.db", migrations, backups);
		app.migrate();
		reports.migrate();

		List<BackupInfo> appBackups = app.backups();
		List<BackupInfo> reportsBackups = reports.backups();

		assertThat(appBackups).isNotEmpty().allSatisfy((backup) -> assertThat(backup.id()).startsWith("app_"));
		assertThat(reportsBackups).isNotEmpty().allSatisfy((backup) -> assertThat(backup.id()).startsWith("reports_"));
		try (var files = Files.list(backups)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".db")).count())
				.as("both databases' backups are in the shared folder")
				.isEqualTo(appBackups.size() + reportsBackups.size());
		}
		// the other database's backup is still refused by id, with the database untouched
		assertThatThrownBy(() -> app.restore(reportsBackups.get(0).id())).isInstanceOf(MigratorException.class)
			.hasMessageContaining("reports");
		assertThat(app.info().currentVersion()).hasToString("002");
	}

	private Migrator migrator(String file, Path migrations, Path backups) {
		return Migrator.configure()
			.url("jdbc:sqlite:" + this.dir.resolve(file))
			.locations("filesystem:" + migrations)
			.backupDirectory(backups)
			.load();
	}

}
