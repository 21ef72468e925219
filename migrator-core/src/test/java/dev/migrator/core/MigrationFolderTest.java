package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.FolderConversion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ScriptedMigration;
import dev.migrator.core.api.ValidationException;

/**
 * {@link MigrationFolder#convert}: each tool's folder rewritten into Migrator's own convention reads
 * the same (versions, descriptions, SQL, transactions, downs) and gives the same SQLite schema and rows.
 */
class MigrationFolderTest {

	/** The tools' names in {@link ConventionFolders} and in {@code convert}. */
	private static final Map<String, String> FROM = Map.of("flyway", "flyway", "golang-migrate", "golang-migrate",
			"diesel", "diesel", "dbmate", "dbmate", "goose", "goose", "sql-migrate", "sql-migrate", "liquibase",
			"liquibase-sql");

	@TempDir
	Path dir;

	@Test
	void everyToolsFolderConvertsIntoOneThatReadsAndMigratesTheSame() throws Exception {
		for (String tool : ConventionFolders.TOOLS) {
			if (tool.equals("migrator")) {
				continue;
			}
			SqliteFixture original = new SqliteFixture(Files.createDirectories(this.dir.resolve(tool)));
			ConventionFolders.write(tool, original.migrations, ConventionFolders.sqlite());
			Map<Path, String> sourceBefore = files(original.migrations);
			SqliteFixture converted = new SqliteFixture(Files.createDirectories(this.dir.resolve(tool + "-converted")));
			Files.delete(converted.migrations);

			FolderConversion result = MigrationFolder.convert(original.migrations, FROM.get(tool), converted.migrations);

			assertThat(result.migrations()).as(tool).isEqualTo(ConventionFolders.sqlite().size());
			assertThat(result.downs()).as(tool).isEqualTo(result.migrations());
			assertThat(result.emptyDowns()).as(tool).isEqualTo(4);
			assertThat(files(original.migrations)).as(tool + ": the old folder is left as it was").isEqualTo(sourceBefore);
			assertSameMigrations(tool, MigrationFolder.read(original.migrations), MigrationFolder.read(converted.migrations));
			original.migrator().migrate();
			converted.migrator().migrate();
			assertThat(converted.migrator().info().convention()).as(tool).isEqualTo("migrator");
			assertThat(ConventionScenarios.applicationDump(converted)).as(tool + ": schema and rows")
				.isNotEmpty()
				.containsExactlyElementsOf(ConventionScenarios.applicationDump(original));
		}
	}

	@Test
	void postgresFoldersKeepDollarQuotesConcurrentlyAndTheirTransactionSettings() throws Exception {
		for (String tool : List.of("goose", "sql-migrate", "dbmate", "liquibase", "flyway")) {
			Path from = Files.createDirectories(this.dir.resolve(tool));
			ConventionFolders.write(tool, from, ConventionFolders.postgres());
			Path to = this.dir.resolve(tool + "-migrator");

			FolderConversion result = MigrationFolder.convert(from, null, to);

			List<ScriptedMigration> converted = MigrationFolder.read(to);
			assertSameMigrations(tool, MigrationFolder.read(from), converted);
			ScriptedMigration concurrently = converted.stream()
				.filter((m) -> m.up().sql().contains("CONCURRENTLY"))
				.findFirst()
				.orElseThrow();
			if (!tool.equals("flyway")) {
				// the tools' own no-transaction markers became Migrator's directive, in the up and the down
				assertThat(concurrently.up().transactional()).as(tool).isFalse();
				assertThat(concurrently.down().transactional()).as(tool).isFalse();
				assertThat(Files.readString(Path.of(concurrently.up().file()))).as(tool)
					.contains("-- migrator:no-transaction");
				assertThat(result.notes()).as(tool).anyMatch((n) -> n.contains("without a transaction"));
			}
			if (tool.equals("goose") || tool.equals("sql-migrate")) {
				assertThat(result.notes()).as(tool).anyMatch((n) -> n.contains("StatementBegin/StatementEnd blocks kept as one statement"));
			}
		}
	}

	@Test
	void aConvertedGooseFolderMigratesARealPostgresLikeTheOriginalAndRollsBackThroughConcurrently() throws Exception {
		PostgresFixture original = new PostgresFixture(Files.createDirectories(this.dir.resolve("original")));
		ConventionFolders.write("goose", original.migrations, ConventionFolders.postgres());
		PostgresFixture converted = new PostgresFixture(Files.createDirectories(this.dir.resolve("converted")));
		Files.delete(converted.migrations);
		MigrationFolder.convert(original.migrations, "goose", converted.migrations);

		original.migrator().migrate();
		converted.migrator().migrate();

		assertThat(ConventionScenarios.applicationDump(converted)).isNotEmpty()
			.containsExactlyElementsOf(ConventionScenarios.applicationDump(original));
		// down to before CREATE INDEX CONCURRENTLY: its down, DROP INDEX CONCURRENTLY, runs outside a transaction too
		int steps = ConventionFolders.postgres().size();
		String beforeIndex = converted.migrator().info().migrations().get(9).version().toString();
		converted.configure().load().rollbackTo(beforeIndex, dev.migrator.core.api.RunOptions.DEFAULT.withAllowEmptyDown(true).withAllowDataLoss(true));
		assertThat(converted.query("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))
			.doesNotContain("idx_tasks_title");
		assertThat(converted.migrator().migrate().migrations()).hasSize(steps - 10);
		assertThat(ConventionScenarios.applicationDump(converted)).containsExactlyElementsOf(ConventionScenarios.applicationDump(original));
	}

	@Test
	void anUpKeepsItsTextSoItsChecksumUnlessALineHadToBeAdded() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("flyway"));
		Files.writeString(from.resolve("V1__create_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
		Files.writeString(from.resolve("V2__seed.sql"), "-- the first users\nINSERT INTO users VALUES (1);\n");
		Path to = this.dir.resolve("new");

		FolderConversion result = MigrationFolder.convert(from, "flyway", to);

		assertThat(Files.readString(to.resolve("1_create_users.sql"))).isEqualTo("CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
		// a leading comment would be read as the description in Migrator's convention: the old one is kept above it
		assertThat(Files.readString(to.resolve("2_seed.sql"))).isEqualTo("-- seed\n-- the first users\nINSERT INTO users VALUES (1);\n");
		assertThat(MigrationFolder.read(to)).extracting(ScriptedMigration::description).containsExactly("create users", "seed");
		assertThat(result.checksumsChanged()).isEqualTo(1);
		assertThat(result.notes()).anyMatch((n) -> n.contains("run 'migrator repair' once"));
	}

	@Test
	void dieselsInitialSetupAndAnUpWithoutADownKeepTheirVersionAndHaveNoDownWritten() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("diesel"));
		Files.createDirectories(from.resolve("00000000000000_diesel_initial_setup"));
		Files.writeString(from.resolve("00000000000000_diesel_initial_setup/up.sql"), "CREATE TABLE setup (id INTEGER);\n");
		Files.writeString(from.resolve("00000000000000_diesel_initial_setup/down.sql"), "DROP TABLE setup;\n");
		Files.createDirectories(from.resolve("2024-03-01-080000_create_users"));
		Files.writeString(from.resolve("2024-03-01-080000_create_users/up.sql"), "CREATE TABLE users (id INTEGER);\n");
		Path to = this.dir.resolve("new");

		FolderConversion result = MigrationFolder.convert(from, "diesel", to);

		assertThat(names(to)).containsExactly("0.1_diesel_initial_setup.down.sql", "0.1_diesel_initial_setup.sql",
				"20240301080000_create_users.sql");
		assertThat(result.downs()).isEqualTo(1);
		assertThat(result.checksumsChanged()).isZero();
		assertThat(MigrationFolder.read(to)).extracting(ScriptedMigration::version).containsExactly("0.1", "20240301080000");
	}

	@Test
	void flywayPlaceholdersAreKeptAsWrittenWithANote() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("flyway"));
		Files.writeString(from.resolve("V1__orders.sql"), "CREATE TABLE orders (owner TEXT DEFAULT '${owner}');\n");

		FolderConversion result = MigrationFolder.convert(from, "flyway", this.dir.resolve("new"));

		assertThat(Files.readString(this.dir.resolve("new/1_orders.sql"))).contains("'${owner}'");
		assertThat(result.notes()).anyMatch((n) -> n.contains("placeholders kept as written (V1__orders.sql ${owner})"));
	}

	@Test
	void aLiquibaseChangesetKeepsItsAuthorAndIdAsItsDescription() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("liquibase"));
		Files.writeString(from.resolve("001-changelog.sql"), """
				--liquibase formatted sql

				--changeset ada:create_users
				CREATE TABLE users (id INTEGER PRIMARY KEY);
				--rollback DROP TABLE users;

				--changeset ada:seed runInTransaction:false
				INSERT INTO users VALUES (1);
				--rollback not required
				""");
		Path to = this.dir.resolve("new");

		MigrationFolder.convert(from, "liquibase-sql", to);

		assertThat(names(to)).containsExactly("001.1_ada_create_users.down.sql", "001.1_ada_create_users.sql",
				"001.2_ada_seed.down.sql", "001.2_ada_seed.sql");
		assertThat(MigrationFolder.read(to)).extracting(ScriptedMigration::description)
			.containsExactly("ada:create_users", "ada:seed");
		assertThat(Files.readString(to.resolve("001.1_ada_create_users.down.sql"))).isEqualTo("DROP TABLE users;");
		assertThat(Files.readString(to.resolve("001.2_ada_seed.sql"))).startsWith("-- ada:seed\n-- migrator:no-transaction\n");
	}

	@Test
	void anExistingFolderWithFilesIsNeverWrittenInto() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("goose"));
		ConventionFolders.write("goose", from, ConventionFolders.sqlite());
		Path to = Files.createDirectories(this.dir.resolve("new"));
		Files.writeString(to.resolve("001_keep_me.sql"), "SELECT 1;\n");

		assertThatThrownBy(() -> MigrationFolder.convert(from, "goose", to)).isInstanceOf(MigratorException.class)
			.hasMessageContaining("exists and is not empty; nothing was written");
		assertThat(names(to)).containsExactly("001_keep_me.sql");
		Path link = Files.createSymbolicLink(this.dir.resolve("link"), to);
		assertThatThrownBy(() -> MigrationFolder.convert(from, "goose", link)).as("a link to a folder with files")
			.hasMessageContaining("exists and is not empty");
		Path file = Files.writeString(this.dir.resolve("a-file"), "x");
		assertThatThrownBy(() -> MigrationFolder.convert(from, "goose", file)).hasMessageContaining("exists and is not empty");
		assertThat(names(to)).containsExactly("001_keep_me.sql");
		assertThat(file).hasContent("x");
		assertThatThrownBy(() -> MigrationFolder.convert(from, "goose", from.resolve("inside")))
			.hasMessageContaining("is inside");
		assertThat(from.resolve("inside")).doesNotExist();
	}

	@Test
	void aFolderOfAnotherConventionThanFromIsRefusedNamingTheOneFound() throws Exception {
		Path from = Files.createDirectories(this.dir.resolve("goose"));
		ConventionFolders.write("goose", from, ConventionFolders.sqlite());
		Path to = this.dir.resolve("new");

		assertThatThrownBy(() -> MigrationFolder.convert(from, "flyway", to)).isInstanceOf(MigratorException.class)
			.hasMessageContaining("holds goose migrations (e.g. 00001_create_users.sql")
			.hasMessageContaining("not Flyway's")
			.hasMessageContaining("Give tool \"goose\", or pass null as the tool");
		assertThatThrownBy(() -> MigrationFolder.convert(from, "gose", to)).isInstanceOf(MigratorException.class)
			.hasMessageContaining("tool \"gose\" names no convention MigrationFolder.convert reads; did you mean tool \"goose\"?");
		assertThat(to).doesNotExist();
	}

	@Test
	void aMixedFolderIsTheEnginesMixingErrorAndAMigratorFolderHasNothingToConvert() throws Exception {
		Path mixed = Files.createDirectories(this.dir.resolve("mixed"));
		Files.writeString(mixed.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER);\n");
		Files.writeString(mixed.resolve("000002_tags.up.sql"), "CREATE TABLE tags (id INTEGER);\n");
		Path own = Files.createDirectories(this.dir.resolve("own"));
		Files.writeString(own.resolve("001_users.sql"), "CREATE TABLE users (id INTEGER);\n");

		assertThatThrownBy(() -> MigrationFolder.convert(mixed, null, this.dir.resolve("a")))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("mixes two conventions");
		assertThatThrownBy(() -> MigrationFolder.convert(own, null, this.dir.resolve("b")))
			.hasMessageContaining("is in Migrator's own convention already");
		assertThat(this.dir.resolve("a")).doesNotExist();
		assertThat(this.dir.resolve("b")).doesNotExist();
	}

	private static void assertSameMigrations(String tool, List<ScriptedMigration> before, List<ScriptedMigration> after) {
		assertThat(after).as(tool).hasSameSizeAs(before);
		for (int i = 0; i < before.size(); i++) {
			ScriptedMigration b = before.get(i);
			ScriptedMigration a = after.get(i);
			String what = tool + " " + b.up().file();
			assertThat(a.version()).as(what).isEqualTo(b.version());
			assertThat(a.description()).as(what).isEqualTo(b.description());
			assertSameScript(what + " up", b.up(), a.up());
			assertSameScript(what + " down", b.down(), a.down());
		}
	}

	private static void assertSameScript(String what, ScriptedMigration.Script before, ScriptedMigration.Script after) {
		if (before == null) {
			assertThat(after).as(what).isNull();
			return;
		}
		assertThat(after).as(what).isNotNull();
		// the text as written, past any description or directive line put above it
		assertThat(after.sql()).as(what).endsWith(before.sql());
		assertThat(after.transactional()).as(what).isEqualTo(before.transactional());
		assertThat(after.hasSql()).as(what).isEqualTo(before.hasSql());
		assertThat(after.lockTimeout()).as(what).isEqualTo(before.lockTimeout());
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((f) -> f.getFileName().toString()).sorted().toList();
		}
	}

	private static Map<Path, String> files(Path folder) throws IOException {
		Map<Path, String> contents = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				contents.put(folder.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return contents;
	}

}
