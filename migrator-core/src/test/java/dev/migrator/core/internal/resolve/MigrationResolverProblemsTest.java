package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

	@Test
	void aCommentThatLooksLikeTheStartOfADownSaysWhereEachToolKeepsItsDown() throws Exception {
		Map<String, String> advice = new LinkedHashMap<>();
		advice.put("flyway/V1__create_users.sql", "move the down SQL into its own U<version>__<description>.sql file");
		advice.put("golang/000001_create_users.up.sql", "move the down SQL into the .down.sql file beside it");
		advice.put("diesel/2024-03-01-080000_create_users/up.sql", "move the down SQL into down.sql in the same folder");
		advice.put("sqlmigrate/1_create_users.sql", "write -- +migrate Down on that line");
		for (Map.Entry<String, String> file : advice.entrySet()) {
			String up = file.getKey().startsWith("sqlmigrate") ? "-- +migrate Up\r\n" : "";
			write(file.getKey(), up + "CREATE TABLE users (id INTEGER);\r\n-- Down:\r\nDROP TABLE users;\r\n");
			Path folder = this.dir.resolve(file.getKey().substring(0, file.getKey().indexOf('/')));
			int line = up.isEmpty() ? 2 : 3;

			assertThatThrownBy(() -> resolve(folder)).as(file.getKey()).isInstanceOf(ValidationException.class)
				.hasMessageContaining(file.getKey().substring(file.getKey().indexOf('/') + 1) + ":" + line + ": '-- Down:'"
						+ " looks like the start of a down script, but Migrator reads it as a comment, so the SQL after it"
						+ " would run as part of the up; " + file.getValue());
		}
	}

	@Test
	void badUtf8FarIntoAScriptIsNamedByItsLineAndOffsetWhileValidAccentsAreRead() throws Exception {
		String comments = "-- café au lait\n".repeat(2000);
		write("1_good.sql", "CREATE TABLE t (id INTEGER);\n" + comments);

		assertThat(resolve().migrations()).singleElement()
			.satisfies((m) -> assertThat(m.up().sql()).endsWith("-- café au lait\n").hasSizeGreaterThan(8192));

		byte[] good = ("CREATE TABLE u (id INTEGER);\n" + comments).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] bad = java.util.Arrays.copyOf(good, good.length + 4);
		bad[good.length] = 'x';
		bad[good.length + 1] = (byte) 0xC3;
		bad[good.length + 2] = '(';
		bad[good.length + 3] = '\n';
		Files.write(this.dir.resolve("2_bad.sql"), bad);

		assertThatThrownBy(this::resolve).isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_bad.sql:2002: is not valid UTF-8 (bad bytes at offset " + (good.length + 1)
					+ "); save the file as UTF-8");
	}

	private Resolution resolve(JavaMigration... java) {
		return new MigrationResolver(Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + this.dir)
			.javaMigrations(java)
			.configuration()).resolve();
	}

	private Resolution resolve(Path folder) {
		return new MigrationResolver(Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + folder)
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
