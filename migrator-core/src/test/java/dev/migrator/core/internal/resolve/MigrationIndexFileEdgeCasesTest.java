package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;

/**
 * When the build-time migration index is trusted, read from a class path holding it: an index cut
 * short or edited by hand is not, a file renamed behind its back makes it stale, an index written
 * from a jar (no modification times) still vouches for names and sizes, and {@code status} reads the
 * files wherever the index cannot say everything.
 */
class MigrationIndexFileEdgeCasesTest {

	@TempDir
	Path dir;

	private Path migrations;

	private Path classes;

	private URLClassLoader loader;

	@BeforeEach
	void setUp() throws Exception {
		this.migrations = Files.createDirectories(this.dir.resolve("migrations"));
		this.classes = Files.createDirectories(this.dir.resolve("classes"));
		Files.writeString(this.migrations.resolve("001_tasks.sql"), "CREATE TABLE tasks (id INTEGER);\n");
		Files.writeString(this.migrations.resolve("002_notes.sql"), "CREATE TABLE notes (id INTEGER);\n");
		this.loader = new URLClassLoader(new URL[] { this.classes.toUri().toURL() }, getClass().getClassLoader());
	}

	@AfterEach
	void tearDown() throws IOException {
		this.loader.close();
	}

	@Test
	void premiseAFreshIndexIsReadForTheUpToDateCheckAndForStatus() {
		Path index = MigrationIndexFile.write(configuration(), this.classes);

		assertThat(index).exists();
		assertThat(MigrationIndexFile.readFreshTexts(configuration())).hasValueSatisfying((texts) -> assertThat(texts)
			.extracting(MigrationIndexFile.IndexedText::version).containsExactly("001", "002"));
		assertThat(MigrationIndexFile.readFreshForReport(configuration())).hasValueSatisfying((resolution) -> {
			assertThat(resolution.migrations()).extracting(ResolvedMigration::description).containsExactly("tasks", "notes");
			assertThat(resolution.convention()).isEqualTo("migrator");
		});
	}

	@Test
	void anIndexWithoutItsLastLineBreakIsStillTrusted() throws Exception {
		Path index = MigrationIndexFile.write(configuration(), this.classes);
		String text = Files.readString(index);
		Files.writeString(index, text.substring(0, text.length() - 1));

		assertThat(MigrationIndexFile.readFreshTexts(configuration())).hasValueSatisfying((texts) -> assertThat(texts)
			.extracting(MigrationIndexFile.IndexedText::description).containsExactly("tasks", "notes"));
	}

	@Test
	void anEmptyIndexABlankLineOrAnIndexWithoutItsConventionOrEmptyLocationsLineIsNotTrusted() throws Exception {
		Path index = MigrationIndexFile.write(configuration(), this.classes);
		String text = Files.readString(index);
		assertThat(text).contains("\nconvention\t").contains("\nempty\t");

		Files.writeString(index, "");
		assertThat(MigrationIndexFile.readFreshTexts(configuration())).isEmpty();

		Files.writeString(index, text + "\n");
		assertThat(MigrationIndexFile.readFreshTexts(configuration())).as("a blank line").isEmpty();

		Files.writeString(index, text.replaceFirst("(?m)^convention\t[^\n]*\n", ""));
		assertThat(MigrationIndexFile.readFreshTexts(configuration())).as("no convention line").isEmpty();

		Files.writeString(index, text.replaceFirst("(?m)^empty\t[^\n]*\n", ""));
		assertThat(MigrationIndexFile.readFreshTexts(configuration())).as("no empty-locations line").isEmpty();

		Files.writeString(index, text);
		assertThat(MigrationIndexFile.readFreshTexts(configuration())).as("as written, trusted again").isPresent();
	}

	@Test
	void aFileRenamedToAnotherNameOfTheSameSizeMakesTheIndexStale() throws Exception {
		MigrationIndexFile.write(configuration(), this.classes);
		Path file = this.migrations.resolve("002_notes.sql");
		FileTime time = Files.getLastModifiedTime(file);
		Path renamed = Files.move(file, this.migrations.resolve("002_nodes.sql"));
		Files.setLastModifiedTime(renamed, time);

		assertThat(MigrationIndexFile.readFreshTexts(configuration())).isEmpty();
		assertThat(MigrationIndexFile.readFreshForReport(configuration())).isEmpty();
	}

	@Test
	void anIndexWrittenWithoutModificationTimesVouchesForNamesAndSizesOnly() throws Exception {
		Path index = MigrationIndexFile.write(configuration(), this.classes);
		// as a jar's entries are indexed: no modification time
		Files.writeString(index, Files.readString(index).replaceAll("(?m)^(file\t[^\t]*\t[0-9]+)\t[0-9]+$", "$1\t-1"));
		Path file = this.migrations.resolve("001_tasks.sql");
		Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));

		assertThat(MigrationIndexFile.readFreshTexts(configuration())).as("same names and sizes").isPresent();

		Files.writeString(file, "CREATE TABLE tasks (id INTEGER, done INTEGER);\n");
		assertThat(MigrationIndexFile.readFreshTexts(configuration())).as("a size changed").isEmpty();
	}

	@Test
	void anEmptyLocationIsWarnedAtEveryStartSoNeitherReadTrustsTheIndex() throws Exception {
		Path empty = Files.createDirectories(this.dir.resolve("empty"));
		Configuration configuration = configuration(Map.of(), "filesystem:" + this.migrations, "filesystem:" + empty);
		Path index = MigrationIndexFile.write(configuration, this.classes);
		assertThat(Files.readString(index)).contains("\nwarnings\t1\n").contains("\nempty\t1\n");

		assertThat(MigrationIndexFile.readFreshTexts(configuration)).isEmpty();
		assertThat(MigrationIndexFile.readFreshForReport(configuration)).isEmpty();
	}

	@Test
	void aRepeatableWhosePlaceholdersDecideItsChecksumIsNotVouchedForAndStatusReadsTheFiles() throws Exception {
		Path flyway = Files.createDirectories(this.dir.resolve("flyway"));
		Files.writeString(flyway.resolve("V1__tasks.sql"), "CREATE TABLE tasks (id INTEGER);\n");
		Files.writeString(flyway.resolve("R__views.sql"), "CREATE VIEW open_tasks AS SELECT * FROM ${table};\n");
		Configuration configuration = configuration(Map.of("table", "tasks"), "filesystem:" + flyway);
		Path index = MigrationIndexFile.write(configuration, this.classes);
		assertThat(Files.readString(index)).containsPattern("(?m)^migration\tR__views\tREPEATABLE\tvaries\t");

		assertThat(MigrationIndexFile.readFreshTexts(configuration)).hasValueSatisfying((texts) -> assertThat(texts)
			.extracting(MigrationIndexFile.IndexedText::checksum).endsWith("varies"));
		assertThat(MigrationIndexFile.readFreshForReport(configuration)).isEmpty();
	}

	@Test
	void anEmptyIndexThatMustListTheFilesIsRefusedNamingWhereItIs() throws Exception {
		Path index = this.classes.resolve("META-INF/migrator/listing");
		Files.createDirectories(index.getParent());
		Files.writeString(index, "");

		assertThatThrownBy(() -> MigrationIndexFile.lines("META-INF/migrator/listing", this.loader))
			.isInstanceOf(MigratorException.class)
			.hasMessage("The migration index " + index.toUri().toURL() + " is not one this version of Migrator reads"
					+ " (it expects 'migrator-index 2'); build the application again with this version");
	}

	private Configuration configuration() {
		return configuration(Map.of(), "filesystem:" + this.migrations);
	}

	private Configuration configuration(Map<String, String> placeholders, String... locations) {
		return Migrator.configure()
			.url("jdbc:sqlite:" + this.dir.resolve("app.db"))
			.locations(locations)
			.placeholders(placeholders)
			.classLoader(this.loader)
			.configuration();
	}

}
