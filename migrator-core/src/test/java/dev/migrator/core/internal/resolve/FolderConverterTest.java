package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.FolderConversion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ScriptedMigration;

/**
 * {@link FolderConverter} on its own, with the refusals and failures the CLI's convert only passes on:
 * what it refuses to read, that a failed conversion leaves nothing written, and that a large script
 * and Windows line breaks come through unchanged.
 */
class FolderConverterTest {

	@TempDir
	Path dir;

	@Test
	void aFileOrAnEmptyFolderIsRefusedAndNothingIsWritten() throws Exception {
		Path file = Files.writeString(this.dir.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER);\n");
		Path empty = Files.createDirectories(this.dir.resolve("empty"));
		Path to = this.dir.resolve("new");

		assertThatThrownBy(() -> convert(file, null, to)).isInstanceOf(MigratorException.class)
			.hasMessage(file + " is not a folder; give the folder of migrations to convert");
		assertThatThrownBy(() -> convert(empty, null, to)).isInstanceOf(MigratorException.class)
			.hasMessage("No migrations found in " + empty + "; nothing was written");
		assertThat(to).doesNotExist();
		assertThat(file).hasContent("CREATE TABLE users (id INTEGER);");
	}

	@Test
	void anUnknownToolWithNoNameNearItIsRefusedListingTheToolsRead() throws Exception {
		Path from = flywayFolder();

		assertThatThrownBy(() -> convert(from, "rails", this.dir.resolve("new"))).isInstanceOf(MigratorException.class)
			.hasMessage("tool \"rails\" names no convention MigrationFolder.convert reads. It reads flyway, golang-migrate,"
					+ " diesel, dbmate, goose, sql-migrate, liquibase-sql; pass null as the tool to take the convention found");
		assertThat(this.dir.resolve("new")).doesNotExist();
	}

	@Test
	void aNewFolderThatReadsDifferentlyIsRemovedAgainAndTheOldOneIsLeftAsItWas() throws Exception {
		Path from = flywayFolder();
		// the new folder is read back with a migration of someone else's beside it: two before, three after
		Path other = Files.createDirectories(this.dir.resolve("other"));
		Files.writeString(other.resolve("3_tags.sql"), "CREATE TABLE tags (id INTEGER);\n");
		Path to = this.dir.resolve("new");

		assertThatThrownBy(() -> FolderConverter.convert(from, configuration(from), "flyway", to, configuration(to, other)))
			.isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("The converted folder does not read the same as " + from + ", so it was removed again;"
					+ " please report this with the files named:\n - 2 migrations before, 3 after");

		assertThat(to).as("the folder it created is removed with its files").doesNotExist();
		assertThat(names(from)).containsExactly("V1__users.sql", "V2__seed.sql");
		assertThat(names(other)).containsExactly("3_tags.sql");
	}

	@Test
	void anEmptyFolderGivenAsTheTargetIsKeptButEmptiedWhenTheConversionFails() throws Exception {
		Path from = flywayFolder();
		Path other = Files.createDirectories(this.dir.resolve("other"));
		// a second version 1 beside the new folder: reading it back is the engine's duplicate-version error
		Files.writeString(other.resolve("1_users_again.sql"), "CREATE TABLE users2 (id INTEGER);\n");
		Path to = Files.createDirectories(this.dir.resolve("new"));

		assertThatThrownBy(() -> FolderConverter.convert(from, configuration(from), null, to, configuration(to, other)))
			.hasMessageContaining("1_users_again.sql");

		assertThat(to).isEmptyDirectory();
		assertThat(names(other)).containsExactly("1_users_again.sql");
	}

	@Test
	void aTargetBelowAFileCannotBeWrittenAndTheErrorNamesTheFile() throws Exception {
		Path from = flywayFolder();
		Path blocker = Files.writeString(this.dir.resolve("blocker"), "not a folder");
		Path to = blocker.resolve("new");

		assertThatThrownBy(() -> convert(from, "flyway", to)).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Could not write " + to.resolve("1_users.sql") + ": ");

		assertThat(blocker).hasContent("not a folder");
		assertThat(names(from)).containsExactly("V1__users.sql", "V2__seed.sql");
	}

	@Test
	void aScriptAboveTheLargeScriptThresholdIsCopiedFromItsFileUnchanged() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("flyway"));
		StringBuilder sql = new StringBuilder("CREATE TABLE big (id INTEGER, payload TEXT);\n");
		String payload = "x".repeat(200);
		for (int i = 0; sql.length() <= LargeScript.THRESHOLD_BYTES; i++) {
			sql.append("INSERT INTO big VALUES (").append(i).append(", '").append(payload).append("');\n");
		}
		Path big = Files.writeString(from.resolve("V1__big.sql"), sql, StandardCharsets.UTF_8);
		Files.writeString(from.resolve("V2__index.sql"), "CREATE INDEX big_id ON big (id);\n");
		Path to = this.dir.resolve("new");

		FolderConversion result = convert(from, "flyway", to);

		assertThat(result.migrations()).isEqualTo(2);
		assertThat(result.checksumsChanged()).isZero();
		assertThat(Files.mismatch(big, to.resolve("1_big.sql"))).as("byte for byte").isEqualTo(-1);
		List<ScriptedMigration> read = FolderConverter.read(configuration(to));
		assertThat(read).extracting(ScriptedMigration::description).containsExactly("big", "index");
		assertThat(read.get(0).up().sql()).isEqualTo(sql.toString());
	}

	@Test
	void windowsLineBreaksAreKeptAndTheDescriptionLineAddedUsesThemToo() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("flyway"));
		Files.writeString(from.resolve("V1__seed.sql"), "-- the first users\r\n\r\nINSERT INTO users VALUES (1);\r\n");
		Path to = this.dir.resolve("new");

		FolderConversion result = convert(from, "flyway", to);

		assertThat(Files.readString(to.resolve("1_seed.sql")))
			.isEqualTo("-- seed\r\n-- the first users\r\n\r\nINSERT INTO users VALUES (1);\r\n");
		assertThat(FolderConverter.read(configuration(to))).singleElement()
			.satisfies((m) -> assertThat(m.description()).isEqualTo("seed"));
		assertThat(result.checksumsChanged()).isEqualTo(1);
		assertThat(result.notes()).anyMatch((n) -> n.startsWith("1 up has a line added"));
	}

	private Path flywayFolder() throws IOException {
		Path from = Files.createDirectories(this.dir.resolve("flyway"));
		Files.writeString(from.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER);\n");
		Files.writeString(from.resolve("V2__seed.sql"), "INSERT INTO users VALUES (1);\n");
		return from;
	}

	private static FolderConversion convert(Path from, String tool, Path to) {
		return FolderConverter.convert(from, configuration(from), tool, to, configuration(to));
	}

	/** As MigrationFolder reads a folder: the data source is never opened. */
	private static Configuration configuration(Path... folders) {
		return Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations(Stream.of(folders).map((f) -> "filesystem:" + f.toAbsolutePath().normalize()).toArray(String[]::new))
			.configuration();
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((f) -> f.getFileName().toString()).sorted().toList();
		}
	}

}
