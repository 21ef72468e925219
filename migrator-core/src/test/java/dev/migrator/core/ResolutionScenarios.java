package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;

/** How files become migrations: names, versions, sections, directives, encodings; and the errors for each, on every engine. */
abstract class ResolutionScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		// an empty database (on SQLite an empty file: info and validate refuse a file that is not there at all)
		this.fx.connect().close();
	}

	@Test
	void duplicateVersionsNameBothFiles() throws Exception {
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);").write("1_b.sql", "CREATE TABLE b (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Two migrations have version")
			.hasMessageContaining("001_a.sql")
			.hasMessageContaining("1_b.sql");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void malformedNamesAreErrorsNamingTheFileAndTheNameToUse() throws Exception {
		this.fx.write("1_ok.sql", "SELECT 1;").write("2_.sql", "SELECT 1;").write("3-dash.sql", "SELECT 1;");

		assertThatThrownBy(() -> this.fx.migrator().validate())
			.isInstanceOfSatisfying(ValidationException.class, (ex) -> assertThat(ex.problems()).hasSize(2))
			.hasMessageContaining("2_.sql: the name does not match <version>_<description>.sql")
			.hasMessageContaining("rename the file to 2_<description>.sql")
			.hasMessageContaining("3-dash.sql: the name does not match <version>_<description>.sql")
			.hasMessageContaining("rename the file to 3_dash.sql");
	}

	@Test
	void infoAndStatusReportABrokenFileAndShowTheRest() throws Exception {
		this.fx.write("1_a.sql", "CREATE TABLE a (id INTEGER);").write("2_b.sql", "CREATE TABLE b (id INTEGER);");
		this.fx.migrator().migrate();
		this.fx.write("3_.sql", "SELECT 1;").write("4_d.sql", "CREATE TABLE d (id INTEGER);");

		for (var report : List.of(this.fx.migrator().info(), this.fx.migrator().status())) {
			assertThat(report.problems()).singleElement().asString().contains("3_.sql: the name does not match");
			assertThat(report.currentVersion()).hasToString("2");
			assertThat(report.migrations()).extracting((m) -> m.version() + ":" + m.state())
				.containsExactly("1:APPLIED", "2:APPLIED", "4:PENDING");
		}
		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class);
		assertThat(this.fx.tables()).doesNotContain("d");
	}

	@Test
	void strayFileIsAWarningOrAnErrorWhenConfigured() throws Exception {
		this.fx.write("1_a.sql", "CREATE TABLE a (id INTEGER);").write("seed-data.sql", "INSERT INTO a VALUES (1);");

		assertThat(this.fx.migrator().migrate().warnings())
			.anySatisfy((w) -> assertThat(w).contains("seed-data.sql").contains("it was ignored"));
		assertThatThrownBy(() -> this.fx.configure().failOnStrayFiles(true).load().validate())
			.hasMessageContaining("seed-data.sql: the name does not match")
			.hasMessageContaining("move it out of the migration locations");
	}

	@Test
	void versionsCompareNumericallyBySegment() throws Exception {
		this.fx.write("1.9_a.sql", "CREATE TABLE a (id INTEGER);")
			.write("1.10_b.sql", "CREATE TABLE b (id INTEGER);")
			.write("1.2.1_c.sql", "CREATE TABLE c (id INTEGER);")
			.write("10_d.sql", "CREATE TABLE d (id INTEGER);")
			.write("9_e.sql", "CREATE TABLE e (id INTEGER);");

		assertThat(this.fx.migrator().info().migrations()).extracting((m) -> m.version().toString())
			.containsExactly("1.2.1", "1.9", "1.10", "9", "10");
	}

	@Test
	void versionZeroIsReserved() throws Exception {
		this.fx.write("0_init.sql", "SELECT 1;");

		assertThatThrownBy(() -> this.fx.migrator().validate()).hasMessageContaining("0_init.sql: version 0 is reserved");
	}

	@Test
	void descriptionComesFromTheNameOrALeadingComment() throws Exception {
		this.fx.write("1_add_task_tags.sql", "CREATE TABLE a (id INTEGER);")
			.write("2_x.sql", "-- Adds the archive, so old tasks leave the main table\nCREATE TABLE b (id INTEGER);")
			.write("3_y.sql", "-- migrator:no-transaction\nCREATE TABLE c (id INTEGER);");

		assertThat(this.fx.migrator().info().migrations()).extracting(MigrationInfo::description)
			.containsExactly("add task tags", "Adds the archive, so old tasks leave the main table", "y");
	}

	@Test
	void orphanDownAndMismatchedSiblingsAreErrors() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);")
			.write("1_people.down.sql", "DROP TABLE users;")
			.write("2_gone.down.sql", "DROP TABLE gone;");

		assertThatThrownBy(() -> this.fx.migrator().validate())
			.hasMessageContaining("1_people.down.sql: does not match its up migration")
			.hasMessageContaining("name it 1_users.down.sql")
			.hasMessageContaining("2_gone.down.sql: there is no up migration 2_gone.sql beside it");
	}

	@Test
	void twoDownsForOneMigrationAreAnError() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);\n-- migrate:down\nDROP TABLE users;")
			.write("1_users.down.sql", "DROP TABLE users;");

		assertThatThrownBy(() -> this.fx.migrator().validate()).hasMessageContaining("has more than one down script");
	}

	@Test
	void sectionMistakesAreErrorsWithTheirLine() throws Exception {
		this.fx.write("1_users.sql", """
				CREATE TABLE users (id INTEGER);
				-- migrate:down
				DROP TABLE users;
				-- migrate:down
				DROP TABLE users;
				-- migrate:sideways
				""");

		assertThatThrownBy(() -> this.fx.migrator().validate())
			.hasMessageContaining("1_users.sql:4: a second '-- migrate:down' section")
			.hasMessageContaining("1_users.sql:6: unknown section '-- migrate:sideways'");
	}

	@Test
	void upMarkerIsAllowedFirstAndLinesStillPointIntoTheFile() throws Exception {
		this.fx.write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n-- migrate:down\nDROP TABLE users;");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.hasMessageContaining("1_users.sql:3: ");
	}

	@Test
	void upMarkerAfterSqlIsAnError() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);\n-- migrate:up\nSELECT 1;");

		assertThatThrownBy(() -> this.fx.migrator().validate()).hasMessageContaining("1_users.sql:2: '-- migrate:up' must come first");
	}

	@Test
	void unknownDirectiveIsAnErrorAndAMisplacedOneAWarning() throws Exception {
		this.fx.write("1_users.sql", "-- migrator:no-transactoin\nCREATE TABLE users (id INTEGER);");
		assertThatThrownBy(() -> this.fx.migrator().validate())
			.hasMessageContaining("1_users.sql:1: unknown directive 'migrator:no-transactoin'");

		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);\n-- migrator:no-transaction\n");
		assertThat(this.fx.migrator().info().warnings())
			.anySatisfy((w) -> assertThat(w).contains("1_users.sql:2: directive").contains("has no effect here"));
	}

	@Test
	void emptyScriptIsAnError() throws Exception {
		this.fx.write("1_empty.sql", "").write("2_blank.sql", " \n\t\n");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.hasMessageContaining("1_empty.sql: has no SQL to apply")
			.hasMessageContaining("2_blank.sql: has no SQL to apply");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void commentOnlyScriptAppliesAsANoOpWithAWarning() throws Exception {
		this.fx.write("1_a.sql", "CREATE TABLE a (id INTEGER);").write("2_comments.sql", "-- nothing yet\n/* still nothing */\n");

		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("1", "2");
		assertThat(result.warnings()).anySatisfy((w) -> assertThat(w).contains("2_comments.sql: has only comments"));
		assertThat(this.fx.tables()).contains("a");
	}

	@Test
	void emptyOrCommentOnlyDownNeverStopsAMigrate() throws Exception {
		this.fx.write("1_a.sql", "CREATE TABLE a (id INTEGER);\n-- migrate:down\n-- nothing to undo\n")
			.write("2_b.sql", "CREATE TABLE b (id INTEGER);")
			.write("2_b.down.sql", "");

		assertThat(this.fx.migrator().validate().migrationsChecked()).isEqualTo(2);
		assertThat(this.fx.migrator().migrate().migrations()).hasSize(2);
	}

	@Test
	void nonUtf8BytesAreRefusedWithTheOffset() throws Exception {
		Files.write(this.fx.migrations.resolve("1_latin1.sql"),
				new byte[] { 'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';' });

		assertThatThrownBy(() -> this.fx.migrator().validate())
			.hasMessageContaining("1_latin1.sql:1: is not valid UTF-8 (bad bytes at offset 8); save the file as UTF-8");
	}

	@Test
	void unterminatedStringIsFoundBeforeAnythingIsApplied() throws Exception {
		this.fx.write("1_a.sql", "CREATE TABLE a (id INTEGER);")
			.write("2_b.sql", "CREATE TABLE b (id INTEGER);\nINSERT INTO b VALUES ('unterminated);\n");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_b.sql:2: ");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void subdirectoriesAreScannedAndSeveralLocationsCombine() throws Exception {
		Path more = Files.createDirectories(this.dir.resolve("more/nested"));
		Files.writeString(more.resolve("2_b.sql"), "CREATE TABLE b (id INTEGER);");
		Files.createDirectories(this.fx.migrations.resolve("sub"));
		this.fx.write("sub/1_a.sql", "CREATE TABLE a (id INTEGER);");

		this.fx.configure().locations("filesystem:" + this.fx.migrations, "filesystem:" + this.dir.resolve("more")).load().migrate();

		assertThat(this.fx.tables()).contains("a", "b");
	}

	@Test
	void missingFilesystemLocationIsAnError() {
		assertThatThrownBy(() -> this.fx.configure().locations("filesystem:" + this.dir.resolve("nope")).load().info())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("does not exist or is not a directory");
	}

	@Test
	void unknownLocationPrefixIsAnError() {
		assertThatThrownBy(() -> this.fx.configure().locations("s3:bucket/migrations").load().info())
			.hasMessageContaining("Unsupported migration location 's3:bucket/migrations'");
		assertThatThrownBy(() -> this.fx.configure().locations(" ").load().info())
			.hasMessageContaining("Empty migration location");
	}

	@Test
	void timeoutDirectivesAreAcceptedOnEveryEngine() throws Exception {
		this.fx.write("1_a.sql", "-- migrator:lock-timeout=5s\n-- migrator:statement-timeout=2min\nCREATE TABLE a (id INTEGER);\n"
				+ "-- migrate:down\n-- migrator:lock-timeout=500ms\nDROP TABLE a;");

		this.fx.migrator().migrate();
		this.fx.migrator().rollback(1);

		assertThat(this.fx.tables()).doesNotContain("a");
	}

	@Test
	void aVendorLocationReadsThisEnginesFolderOnly() throws Exception {
		for (String vendor : new String[] { "sqlite", "postgresql", "mysql", "mariadb" }) {
			Path folder = Files.createDirectories(this.dir.resolve("vendors").resolve(vendor));
			Files.writeString(folder.resolve("1_" + vendor + ".sql"), "CREATE TABLE only_" + vendor + " (id INTEGER);");
		}

		this.fx.configure().locations("filesystem:" + this.dir.resolve("vendors") + "/{vendor}").load().migrate();

		// (only_ first: SQLite reserves names starting with sqlite_)
		assertThat(this.fx.tables()).contains("only_" + this.fx.vendor())
			.noneMatch((table) -> table.startsWith("only_") && !table.equals("only_" + this.fx.vendor()));
	}

}
