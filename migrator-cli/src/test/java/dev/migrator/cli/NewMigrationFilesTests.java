package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NewMigrationFilesTests {

	@TempDir
	Path folder;

	@Test
	void theNextVersionKeepsTheZeroPaddingWidth() {
		assertThat(NewMigrationFiles.next("003")).isEqualTo("004");
		assertThat(NewMigrationFiles.next("009")).isEqualTo("010");
		assertThat(NewMigrationFiles.next("999")).isEqualTo("1000");
		assertThat(NewMigrationFiles.next("7")).isEqualTo("8");
		assertThat(NewMigrationFiles.next("1.1.09")).isEqualTo("1.1.10");
		assertThat(NewMigrationFiles.next("20260101120000")).isEqualTo("20260101120001");
	}

	@Test
	void numbersAfterTheHighestVersionInAnyFolderComparedAsNumbers() throws Exception {
		Path other = Files.createDirectories(this.folder.resolve("other/nested"));
		Files.writeString(this.folder.resolve("009_a.sql"), "");
		Files.writeString(this.folder.resolve("010_b.down.sql"), "");
		Files.writeString(other.resolve("2_c.sql"), "");
		Files.writeString(this.folder.resolve("README.md"), "");

		NewMigrationFiles files = NewMigrationFiles.plan(List.of(this.folder, other.getParent()), "Add  task-tags!");

		assertThat(files.version()).isEqualTo("011");
		assertThat(files.description()).isEqualTo("Add_task_tags");
		assertThat(files.up()).isEqualTo(this.folder.resolve("011_Add_task_tags.sql"));
	}

	@Test
	void anEmptyFolderStartsAt001() {
		assertThat(NewMigrationFiles.plan(List.of(this.folder), "init").version()).isEqualTo("001");
	}

	@Test
	void refusesToOverwriteAndThenWritesNothing() throws Exception {
		NewMigrationFiles files = new NewMigrationFiles(this.folder, "004", "add_tags");
		Files.writeString(files.verify(), "SELECT 1;");

		assertThatExceptionOfType(BadInputException.class).isThrownBy(files::write)
			.withMessageContaining("004_add_tags.verify.sql exists already; nothing was written");
		assertThat(files.up()).doesNotExist();
		assertThat(files.down()).doesNotExist();
		assertThat(Files.readString(files.verify())).isEqualTo("SELECT 1;");
	}

	@Test
	void aNameWithoutLettersOrDigitsIsBadInput() {
		assertThatExceptionOfType(BadInputException.class).isThrownBy(() -> NewMigrationFiles.fileNamePart("../--"))
			.withMessageContaining("has no letters or digits");
	}

}
