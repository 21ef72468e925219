package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code restore --version} and {@code --before} pick the backup; a choice that matches none changes nothing. */
class RestoreChoiceIT {

	@TempDir
	Path directory;

	@Test
	void versionAndBeforePickTheNewestMatchingBackup() {
		// set up through the engine: a backup at version 0, then one at 001 before migrating to 003
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001").migratedTo("003");
		String atVersion1 = project.engine().backups().get(0).id();
		assertThat(atVersion1).contains("_v001");

		CliRun.Result byVersion = project.cli().run("restore", "--version", "1", "--json");
		String checksum = project.databaseChecksum();
		CliRun.Result none = project.cli().run("restore", "--before", "2000-01-01");
		CliRun.Result both = project.cli().run("restore", atVersion1, "--version", "1");

		assertThat(byVersion.exitCode()).as(byVersion.toString()).isZero();
		assertThat(byVersion.json().at("/restored/id").asString()).isEqualTo(atVersion1);
		assertThat(byVersion.json().at("/currentVersion").asString()).isEqualTo("001");
		assertThat(none.exitCode()).isEqualTo(2);
		assertThat(none.stderr()).contains("No backup of this database was taken before 2000-01-01T00:00:00Z");
		assertThat(both.exitCode()).isEqualTo(2);
		assertThat(both.stderr()).contains("not both");
		assertThat(project.databaseChecksum()).isEqualTo(checksum);
	}

}
