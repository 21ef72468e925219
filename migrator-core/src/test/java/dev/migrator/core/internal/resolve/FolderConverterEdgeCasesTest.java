package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.FolderConversion;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ScriptedMigration;

/**
 * {@link FolderConverter} at its edges: the read-back check that catches a new folder reading
 * differently (simulated by reading back another folder than the one written, as a faulty writer
 * would produce), the notes a conversion leaves for goose and sql-migrate folders, and line breaks
 * and names the writer must keep.
 */
class FolderConverterEdgeCasesTest {

	@TempDir
	Path dir;

	@Test
	void everyWayTheReadBackDiffersIsNamedAndTheNewFolderIsRemoved() throws Exception {
		Path from = folder("flyway", "V1__users.sql", "CREATE TABLE users (id INTEGER);\n", "V2__seed.sql",
				"INSERT INTO users VALUES (1);\n", "V3__index.sql",
				"-- migrator:no-transaction\nCREATE INDEX users_id ON users (id);\n", "V4__plain.sql",
				"CREATE TABLE plain (id INTEGER);\n", "V5__slow.sql",
				"-- migrator:lock-timeout=5s\nCREATE TABLE slow (id INTEGER);\n", "V6__limited.sql",
				"-- migrator:statement-timeout=1min\nCREATE TABLE limited (id INTEGER);\n", "V7__needs.sql",
				"-- migrator:requires 1\nCREATE TABLE needs (id INTEGER);\n");
		// what a faulty writer could have left: each migration read back differently in one way
		Path wrong = folder("wrong", "1_people.sql", "CREATE TABLE users (id INTEGER);\n", "2_seed.sql",
				"INSERT INTO users VALUES (2);\n", "3_index.sql", "CREATE INDEX users_id ON users (id);\n", "4_plain.sql",
				"-- migrator:no-transaction\nCREATE TABLE plain (id INTEGER);\n", "5_slow.sql",
				"CREATE TABLE slow (id INTEGER);\n", "6_limited.sql", "CREATE TABLE limited (id INTEGER);\n",
				"7_needs.sql", "CREATE TABLE needs (id INTEGER);\n", "7_needs.down.sql", "DROP TABLE needs;\n");
		Path to = this.dir.resolve("new");

		assertThatThrownBy(() -> FolderConverter.convert(from, configuration(from), "flyway", to, configuration(wrong)))
			.isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("The converted folder does not read the same as " + from + ", so it was removed again;")
			.hasMessageContaining(from.resolve("V1__users.sql") + " (version 1): described 'people' after, 'users' before")
			.hasMessageContaining(from.resolve("V2__seed.sql") + " (version 2) up: the SQL differs")
			.hasMessageContaining(from.resolve("V3__index.sql") + " (version 3) up: ran without one before")
			.hasMessageContaining(from.resolve("V4__plain.sql") + " (version 4) up: ran in a transaction before")
			.hasMessageContaining(from.resolve("V5__slow.sql") + " (version 5) up: the timeout directives differ")
			.hasMessageContaining(from.resolve("V6__limited.sql") + " (version 6) up: the timeout directives differ")
			.hasMessageContaining(from.resolve("V7__needs.sql") + " (version 7): prerequisites differ")
			.hasMessageContaining(from.resolve("V7__needs.sql") + " (version 7) down: added")
			.satisfies((ex) -> assertThat(ex.getMessage().split("\n - ")).as("the heading and one line per difference").hasSize(9));

		assertThat(to).doesNotExist();
		assertThat(names(from)).hasSize(7);
		assertThat(names(wrong)).hasSize(8);
	}

	@Test
	void aVersionReadBackDifferentlyOrADownLostIsNamed() throws Exception {
		Path from = folder("golang", "1_users.up.sql", "CREATE TABLE users (id INTEGER);\n", "1_users.down.sql",
				"DROP TABLE users;\n", "2_seed.up.sql", "INSERT INTO users VALUES (1);\n");
		Path wrong = folder("wrong", "1_users.sql", "CREATE TABLE users (id INTEGER);\n", "3_seed.sql",
				"INSERT INTO users VALUES (1);\n");
		Path to = this.dir.resolve("new");

		assertThatThrownBy(() -> FolderConverter.convert(from, configuration(from), null, to, configuration(wrong)))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining(from.resolve("1_users.up.sql") + " (version 1) down: lost")
			.hasMessageContaining(from.resolve("2_seed.up.sql") + " (version 2): version 3 after")
			.satisfies((ex) -> assertThat(ex.getMessage().split("\n - ")).hasSize(3));
		assertThat(to).doesNotExist();
	}

	@Test
	void aNewFolderReadInAnotherToolsConventionIsNamedAsSuch() throws Exception {
		Path from = folder("golang", "1_users.up.sql", "CREATE TABLE users (id INTEGER);\n");
		Path wrong = folder("wrong", "V1__users.sql", "CREATE TABLE users (id INTEGER);\n");
		Path to = this.dir.resolve("new");

		assertThatThrownBy(() -> FolderConverter.convert(from, configuration(from), "golang-migrate", to,
				configuration(wrong)))
			.isInstanceOf(MigratorException.class)
			.hasMessageEndingWith("files named:\n - the new folder reads as Flyway, not Migrator's own convention");
		assertThat(to).doesNotExist();
	}

	@Test
	void sqlMigrateStatementBlocksAndSeveralScriptsWithoutATransactionAreNoted() throws Exception {
		// notransaction applies to the up and the down: three scripts
		Path from = folder("sqlmigrate", "1_users.sql",
				"-- +migrate Up notransaction\n-- +migrate StatementBegin\nCREATE TABLE users (id INTEGER);\n"
						+ "-- +migrate StatementEnd\n-- +migrate Down\nDROP TABLE users;\n",
				"2_tags.sql", "-- +migrate Up notransaction\nCREATE TABLE tags (id INTEGER);\n");
		Path to = this.dir.resolve("new");

		FolderConversion result = FolderConverter.convert(from, configuration(from), "sql-migrate", to, configuration(to));

		assertThat(result.migrations()).isEqualTo(2);
		assertThat(result.notes()).anyMatch((n) -> n.startsWith("sql-migrate StatementBegin/StatementEnd blocks kept as"
				+ " one statement each"));
		assertThat(result.notes()).anyMatch((n) -> n.startsWith("3 scripts run without a transaction, as in sql-migrate:"
				+ " each starts with -- migrator:no-transaction"));
		assertThat(Files.readString(to.resolve("2_tags.sql"))).startsWith("-- migrator:no-transaction\n");
	}

	@Test
	void aGooseFolderWithoutStatementBlocksGetsNoBlockNoteAndOneScriptWithoutATransactionIsSaidInTheSingular()
			throws Exception {
		Path from = folder("goose", "00001_users.sql",
				"-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE users (id INTEGER);\n",
				"00002_tags.sql", "-- +goose Up\nCREATE TABLE tags (id INTEGER);\n");
		// a folder whose name ends in .sql is not a script to look into for markers
		Files.createDirectories(from.resolve("drafts.sql"));
		Path to = this.dir.resolve("new");

		FolderConversion result = FolderConverter.convert(from, configuration(from), "goose", to, configuration(to));

		assertThat(result.notes()).noneMatch((n) -> n.contains("StatementBegin"));
		assertThat(result.notes()).anyMatch((n) -> n.startsWith("1 script runs without a transaction, as in goose:"));
		assertThat(FolderConverter.read(configuration(to))).extracting(ScriptedMigration::description)
			.containsExactly("users", "tags");
	}

	@Test
	void oldMacLineBreaksAreKeptAndTheHeaderCommentIsNotTakenForSql() throws Exception {
		Path from = folder("flyway", "V1__seed.sql", "-- the first users\r\rINSERT INTO users VALUES (1);\r");
		Path to = this.dir.resolve("new");

		FolderConversion result = FolderConverter.convert(from, configuration(from), "flyway", to, configuration(to));

		assertThat(result.migrations()).isEqualTo(1);
		String written = Files.readString(to.resolve("1_seed.sql"));
		assertThat(written).endsWith("-- the first users\r\rINSERT INTO users VALUES (1);\r");
		assertThat(FolderConverter.body(written)).isEqualTo("INSERT INTO users VALUES (1);\r");
		assertThat(FolderConverter.read(configuration(to))).singleElement()
			.satisfies((m) -> assertThat(m.description()).isEqualTo("seed"));
	}

	@Test
	void aJavaMigrationBesideTheFolderIsLeftOutOfTheConversion() throws Exception {
		Path from = folder("flyway", "V1__users.sql", "CREATE TABLE users (id INTEGER);\n");
		Path to = this.dir.resolve("new");
		Configuration withJava = Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + from)
			.javaMigrations(new V2__Backfill())
			.configuration();

		FolderConversion result = FolderConverter.convert(from, withJava, "flyway", to, configuration(to));

		assertThat(result.migrations()).isEqualTo(1);
		assertThat(names(to)).containsExactly("1_users.sql");
	}

	@Test
	void aMigrationFromAnotherLocationIsGivenAsTheExampleByItsFullPath() throws Exception {
		Path from = folder("ours", "2_tags.sql", "CREATE TABLE tags (id INTEGER);\n");
		Path elsewhere = folder("elsewhere", "1_users.sql", "CREATE TABLE users (id INTEGER);\n");
		Path to = this.dir.resolve("new");
		Configuration both = Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + elsewhere, "filesystem:" + from)
			.configuration();

		assertThatThrownBy(() -> FolderConverter.convert(from, both, null, to, configuration(to)))
			.isInstanceOf(MigratorException.class)
			.hasMessage(from + " is in Migrator's own convention already (e.g. " + elsewhere.resolve("1_users.sql")
					+ "); there is nothing to convert");
		assertThat(to).doesNotExist();
	}

	@Test
	void aBlankDescriptionIsConverted() throws Exception {
		Path from = folder("flyway", "V1__ .sql", "CREATE TABLE t (id INTEGER);\n");
		Path to = this.dir.resolve("new");

		FolderConversion result = FolderConverter.convert(from, configuration(from), "flyway", to, configuration(to));

		assertThat(result.migrations()).isEqualTo(1);
		assertThat(names(to)).containsExactly("1_migration.sql");
		assertThat(Files.readString(to.resolve("1_migration.sql"))).startsWith("CREATE TABLE t");
	}

	@Test
	void theDefaultTargetOfTheRootFolderIsNamedMigrationsMigrator() {
		Path root = this.dir.getRoot();

		assertThat(FolderConverter.defaultTarget(root).getFileName()).hasToString("migrations-migrator");
		assertThat(FolderConverter.defaultTarget(this.dir.resolve("db/flyway")))
			.isEqualTo(this.dir.resolve("db/flyway-migrator"));
	}

	/** A Java migration as a user writes one. */
	static final class V2__Backfill implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "backfill";
		}

		@Override
		public void up(MigrationContext context) {
		}

	}

	private Path folder(String name, String... namesAndTexts) throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve(name));
		for (int i = 0; i < namesAndTexts.length; i += 2) {
			Files.writeString(folder.resolve(namesAndTexts[i]), namesAndTexts[i + 1]);
		}
		return folder;
	}

	private static Configuration configuration(Path folder) {
		return Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + folder.toAbsolutePath().normalize())
			.configuration();
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((f) -> f.getFileName().toString()).sorted().toList();
		}
	}

}
