package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.ValidationException;

/**
 * The resolver's answer to a folder a user got slightly wrong: each problem names the file and the
 * name or number it should have, so the fix is a rename.
 */
class MigrationResolverProblemsTest {

	@TempDir
	Path dir;

	@Test
	void aGolangMigrateDownNamedApartFromItsUpSaysTheNameItMustHave() throws Exception {
		write("000001_create_users.up.sql", "CREATE TABLE users (id INTEGER);");
		write("000001_create_user.down.sql", "DROP TABLE users;");

		assertThatThrownBy(this::resolve).isInstanceOf(ValidationException.class)
			.hasMessageContaining("000001_create_user.down.sql: does not match its up migration")
			.hasMessageContaining("; name it 000001_create_users.down.sql");
	}

	@Test
	void aDieselDownInAFolderOfItsOwnSaysWhereItsUpMustBe() throws Exception {
		write("2024-03-01-080000_create_users/up.sql", "CREATE TABLE users (id INTEGER);");
		write("2024-03-01-080000_create_user/down.sql", "DROP TABLE users;");
		write("2024-03-02-080000_create_tags/down.sql", "DROP TABLE tags;");

		assertThatThrownBy(this::resolve).isInstanceOf(ValidationException.class)
			.hasMessageContaining("2024-03-01-080000_create_user/down.sql: does not match its up migration")
			.hasMessageContaining("; name it down.sql in 2024-03-01-080000_create_users/")
			.hasMessageContaining("2024-03-02-080000_create_tags/down.sql: there is no up migration up.sql beside it;"
					+ " add the up file or fix the name");
	}

	@Test
	void aFlywayUndoWithoutItsVersionedMigrationNamesTheVersionedFile() throws Exception {
		write("V1__create_users.sql", "CREATE TABLE users (id INTEGER);");
		write("U2__create_tags.sql", "DROP TABLE tags;");

		assertThatThrownBy(this::resolve).isInstanceOf(ValidationException.class)
			.hasMessageContaining("U2__create_tags.sql: there is no up migration V2__create_tags.sql beside it");
	}

	@Test
	void twoLiquibaseChangelogsNumberedAlikeAreToldToNumberThemApart() throws Exception {
		write("001-users.sql", "--liquibase formatted sql\n\n--changeset ada:users\nCREATE TABLE users (id INTEGER);\n");
		write("001-tags.sql", "--liquibase formatted sql\n\n--changeset ada:tags\nCREATE TABLE tags (id INTEGER);\n");

		assertThatThrownBy(this::resolve).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Two migrations have version 001.1: ")
			.hasMessageContaining("number the changelog files apart (001-, 002-)");
	}

	@Test
	void aJavaMigrationAtVersionZeroOrWithoutADescriptionIsRefusedNamingItsClass() {
		JavaMigration zero = new Described("0", "seed");
		JavaMigration blank = new Described("2", " ");

		assertThatThrownBy(() -> resolve(zero)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Java migration " + Described.class.getName()
					+ ": version 0 is reserved for the empty database; start at 1");
		assertThatThrownBy(() -> resolve(blank)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Java migration " + Described.class.getName()
					+ ": description() is empty; say what the migration does");
	}

	@Test
	void aLargeFileNoConventionNamesIsIgnoredWithAWarningAndNeverRead() throws Exception {
		write("1_create_users.sql", "CREATE TABLE users (id INTEGER);");
		Path dump = this.dir.resolve("data_dump.sql");
		Files.write(dump, new byte[(int) LargeScript.THRESHOLD_BYTES + 1]);

		Resolution resolution = resolve();

		assertThat(resolution.migrations()).singleElement().satisfies((m) -> assertThat(m.version()).hasToString("1"));
		assertThat(resolution.warnings()).anyMatch((w) -> w.contains("data_dump.sql: the name does not match")
				&& w.endsWith("; it was ignored"));
	}

	private Resolution resolve(JavaMigration... java) {
		return new MigrationResolver(Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + this.dir)
			.javaMigrations(java)
			.configuration()).resolve();
	}

	private void write(String name, String content) throws IOException {
		Path file = this.dir.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	/** A Java migration that does nothing, with the version and description given. */
	private record Described(String version, String description) implements JavaMigration {

		@Override
		public void up(MigrationContext context) {
		}

	}

}
