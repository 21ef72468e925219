package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;

/**
 * The bad-input catalogue for migration files and scripts (issue 7): each case puts a real
 * database in a known state, feeds it one bad input through the public API, and checks the error
 * names the file, the line where there is one, what is wrong and what to do, and that the database
 * is as it was. Inputs that are valid after all (a byte-order mark, CRLF line endings) must apply
 * correctly instead. Every message is printed with a {@code [bad-input-files]} prefix for the
 * catalogue in docs/RELIABILITY.md, "Bad input: migration files and scripts".
 * <p>
 * The CLI's exit code for each outcome follows from the exception type (migrator-cli's
 * {@code ExitCode}): {@link ValidationException} 5, {@link MigrationFailedException} 1, another
 * {@link MigratorException} 1.
 */
abstract class BadInputFilesScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		// the state every case starts from: one applied migration that holds data
		this.fx.write("1_notes.sql", """
				CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100));
				INSERT INTO notes VALUES (1, 'first');
				INSERT INTO notes VALUES (2, 'second; with a semicolon');
				-- migrate:down
				DROP TABLE notes;
				""");
		this.fx.migrator().migrate();
	}

	// ---- names and versions -------------------------------------------------------------------

	@Test
	void duplicateVersions() throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write("002_tags.sql", "CREATE TABLE tags (id INTEGER);").write("2_labels.sql", "CREATE TABLE labels (id INTEGER);");

		ValidationException ex = refused("duplicate versions", ValidationException.class, () -> this.fx.migrator().migrate());

		assertThat(ex).hasMessageContaining("Two migrations have version 2")
			.hasMessageContaining("002_tags.sql")
			.hasMessageContaining("2_labels.sql")
			.hasMessageContaining("give one of them another version");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@ParameterizedTest(name = "malformed name: {1} ({0})")
	@CsvSource({ "no description, 2_.sql", "letters in the version, 2a_tags.sql", "Flyway's v prefix in lower case, v2_tags.sql",
			"dash for underscore, 2-tags.sql", "upper-case extension, 2_tags.SQL" })
	void malformedName(String kind, String file) throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write(file, "CREATE TABLE tags (id INTEGER);");

		ValidationException ex = refused("malformed name, " + kind, ValidationException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex.problems()).singleElement()
			.asString()
			.startsWith(path(file) + ": the name does not match <version>_<description>.sql")
			.contains("rename the file");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@ParameterizedTest(name = "wrong extension: {0}")
	@CsvSource({ "2_tags.txt", "2_tags.sql.bak", "2_tags.psql" })
	void wrongExtensionIsAWarningOrAnErrorWhenConfigured(String file) throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write(file, "CREATE TABLE tags (id INTEGER);");

		List<String> warnings = this.fx.migrator().migrate().warnings();
		print("wrong extension " + file, "warning", String.join(" / ", warnings));
		assertThat(warnings).singleElement()
			.asString()
			.startsWith(path(file) + ": is not a .sql file, so it is not a migration and was ignored")
			.contains("rename it");
		ValidationException ex = refused("wrong extension " + file + ", failOnStrayFiles", ValidationException.class,
				() -> this.fx.configure().failOnStrayFiles(true).load().migrate());
		assertThat(ex.problems()).singleElement().asString().startsWith(path(file) + ": is not a .sql file");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	// ---- content that is not SQL, or not text ---------------------------------------------------

	@Test
	void emptyFile() throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write("2_tags.sql", "");

		ValidationException ex = refused("empty file", ValidationException.class, () -> this.fx.migrator().migrate());

		assertThat(ex).hasMessageContaining(path("2_tags.sql") + ": has no SQL to apply (it is empty or only comments); write the change, or delete the file");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void onlyCommentsAppliesAsANoOpWithAWarning() throws Exception {
		List<String> tables = this.fx.tables();
		this.fx.write("2_tags.sql", "-- TODO: the tags table\n/* CREATE TABLE tags (id INTEGER); */\n\n");

		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("2");
		assertThat(result.warnings()).contains(path("2_tags.sql") + ": has only comments, so it applies as a no-op that is recorded in the history");
		assertThat(this.fx.tables()).isEqualTo(tables);
	}

	@Test
	void byteOrderMarkAppliesAndChecksumsAsWithout() throws Exception {
		String script = "-- Tags for notes\nCREATE TABLE tags (id INTEGER, name VARCHAR(20));\nINSERT INTO tags VALUES (1, 'é');\n";
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] text = script.getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[bom.length + text.length];
		System.arraycopy(bom, 0, withBom, 0, bom.length);
		System.arraycopy(text, 0, withBom, bom.length, text.length);
		Files.write(this.fx.migrations.resolve("2_tags.sql"), withBom);

		this.fx.migrator().migrate();
		print("UTF-8 BOM", "applies correctly", "");

		assertThat(this.fx.query("SELECT name FROM tags")).containsExactly("é");
		assertThat(this.fx.migrator().info().migrations().get(1).description()).isEqualTo("Tags for notes");
		// the same script saved without the mark is the same migration: no drift either way
		Files.write(this.fx.migrations.resolve("2_tags.sql"), text);
		assertThat(this.fx.migrator().info().problems()).isEmpty();
		assertThat(this.fx.migrator().validate().migrationsChecked()).isEqualTo(2);
	}

	@Test
	void crlfLineEndingsApplyWithTheRightLines() throws Exception {
		this.fx.write("2_tags.sql", "-- Tags for notes\r\nCREATE TABLE tags (id INTEGER);\r\nINSERT INTO tags VALUES (1);\r\n"
				+ "-- migrate:down\r\nDROP TABLE tags;\r\n");
		this.fx.write("3_bad.sql", "CREATE TABLE bad (id INTEGER);\r\n\r\nINSERT INTO nowhere VALUES (1);\r\n");

		MigrationFailedException ex = refused("CRLF line endings, error on line 3", MigrationFailedException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex).hasMessageContaining(path("3_bad.sql") + ":3: ");
		assertThat(this.fx.query("SELECT id FROM tags")).containsExactly("1");
		assertThat(this.fx.tables()).doesNotContain("bad");
		assertThat(this.fx.migrator().info().migrations().get(1).description()).isEqualTo("Tags for notes");
	}

	@Test
	void crlfCheckoutOfAnAppliedScriptIsNoDrift() throws Exception {
		String applied = Files.readString(this.fx.migrations.resolve("1_notes.sql"));
		this.fx.write("1_notes.sql", applied.replace("\n", "\r\n"));
		List<String> before = this.fx.dump();

		assertThat(this.fx.migrator().info().problems()).isEmpty();
		assertThat(this.fx.migrator().validate().migrationsChecked()).isEqualTo(1);
		assertThat(this.fx.migrator().migrate().migrations()).isEmpty();
		print("CRLF checkout of an applied script", "no drift, nothing to do", "");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void nonUtf8Bytes() throws Exception {
		List<String> before = this.fx.dump();
		// "café" in Latin-1 on line 2
		Files.write(this.fx.migrations.resolve("2_tags.sql"), "CREATE TABLE tags (name VARCHAR(20));\nINSERT INTO tags VALUES ('caf\u00e9');\n"
			.getBytes(StandardCharsets.ISO_8859_1));

		ValidationException ex = refused("non-UTF-8 bytes", ValidationException.class, () -> this.fx.migrator().migrate());

		assertThat(ex.problems()).singleElement()
			.asString()
			.startsWith(path("2_tags.sql") + ":2: is not valid UTF-8")
			.contains("offset 67")
			.contains("save the file as UTF-8");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	// ---- scripts the splitter cannot finish -------------------------------------------------------

	@Test
	void unterminatedString() throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (name VARCHAR(20));\nINSERT INTO tags VALUES ('open);\nINSERT INTO tags VALUES (2);\n");

		ValidationException ex = refused("unterminated string", ValidationException.class, () -> this.fx.migrator().migrate());

		assertThat(ex).hasMessageContaining(path("2_tags.sql") + ":2: unterminated string literal (') that starts here; add the closing quote");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void unterminatedStringClosedByALaterQuote() throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (name VARCHAR(20));\nINSERT INTO tags VALUES ('open);\nINSERT INTO tags VALUES ('x');\n");

		ValidationException ex = refused("unterminated string, closed by a later quote", ValidationException.class,
				() -> this.fx.migrator().migrate());

		// the open quote of line 2 pairs with the first quote of line 3; the second one is left open
		assertThat(ex).hasMessageContaining(path("2_tags.sql") + ":3: unterminated string literal (') that starts here; "
				+ "add the closing quote; or, if the string literal on lines 2–3 was meant to end on line 2, add its "
				+ "closing quote there");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void unterminatedBlockComment() throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);\n\n/* the seed rows,\nINSERT INTO tags VALUES (1);\n");

		ValidationException ex = refused("unterminated block comment", ValidationException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex).hasMessageContaining(path("2_tags.sql") + ":3: unterminated block comment (/*) that starts here; add the closing */");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	// ---- statements the database refuses -------------------------------------------------------

	@ParameterizedTest(name = "syntax error in the {0} statement (line {1})")
	@CsvSource({ "first, 1", "middle, 4", "last, 6" })
	void syntaxErrorUndoesTheStatementsBefore(String where, int line) throws Exception {
		String[] statements = { "CREATE TABLE tags (id INTEGER);", "", "INSERT INTO notes VALUES (3, 'third');",
				"UPDATE notes SET body = 'changed';", "", "DELETE FROM notes WHERE id = 1;" };
		statements[line - 1] = statements[line - 1].replaceFirst("^(CREATE|INSERT|UPDATE|DELETE)", "$1X");
		this.fx.write("2_change.sql", String.join("\n", statements) + "\n");
		List<String> before = appData();

		MigrationFailedException ex = refused("syntax error in the " + where + " statement",
				MigrationFailedException.class, () -> this.fx.migrator().migrate());

		assertThat(ex.script()).isEqualTo(path("2_change.sql"));
		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex).hasMessageContaining(path("2_change.sql") + ":" + line + ": ")
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("Fix the script, then migrate again: nothing of it stayed, so there is nothing to repair");
		assertThat(appData()).isEqualTo(before);
		assertThat(failedVersions()).as("nothing stayed, so no failed row blocks the next run").isEmpty();
		assertThat(failedAttempts()).containsExactly("2");
	}

	@Test
	void failingVerifyQuery() throws Exception {
		this.fx.write("2_archive.sql", "UPDATE notes SET body = NULL;\n-- migrate:verify\nSELECT count(*) = 0 FROM notes WHERE body IS NULL;\n");
		List<String> before = appData();

		MigrationFailedException ex = refused("failing verify query", MigrationFailedException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex).hasMessageContaining(path("2_archive.sql") + ":3: verify query returned")
			.hasMessageContaining("Nothing of it was applied");
		assertThat(appData()).isEqualTo(before);
		assertThat(failedVersions()).as("nothing stayed, so no failed row blocks the next run").isEmpty();
		assertThat(failedAttempts()).containsExactly("2");
	}

	// ---- rollbacks -------------------------------------------------------------------------------

	@Test
	void missingDownOnRollback() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);");
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();

		ValidationException ex = refused("missing down on rollback", ValidationException.class,
				() -> this.fx.migrator().rollbackTo("0"));

		assertThat(ex.problems()).singleElement()
			.asString()
			.isEqualTo("Migration 2 (" + path("2_tags.sql") + ") has no down migration; add a .down.sql file beside it or a "
					+ "-- migrate:down section, or roll back less");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void downThatFailsHalfway() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);\nINSERT INTO tags VALUES (1);\n-- migrate:down\n"
				+ "DELETE FROM tags;\nDROP TABLE tags;\nDROP TABLE nowhere;\n");
		this.fx.migrator().migrate();
		List<String> before = appData();

		MigrationFailedException ex = refused("a down that fails halfway", MigrationFailedException.class,
				() -> this.fx.migrator().rollback(1, RunOptions.DEFAULT.withAllowDataLoss(true)));

		assertThat(ex.line()).isEqualTo(6);
		assertThat(ex).hasMessageContaining(path("2_tags.sql") + ":6: ").hasMessageContaining("Fix the down script");
		assertThat(appData()).isEqualTo(before);
		assertThat(this.fx.migrator().info().currentVersion()).hasToString("2");
	}

	// ---- the code and the history disagree ---------------------------------------------------------

	@Test
	void appliedScriptEdited() throws Exception {
		this.fx.write("1_notes.sql", Files.readString(this.fx.migrations.resolve("1_notes.sql")).replace("'first'", "'1st'"));
		List<String> before = this.fx.dump();

		ValidationException ex = refused("an applied script edited", ValidationException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex.problems()).singleElement()
			.asString()
			.startsWith(path("1_notes.sql") + " has changed since it was applied as migration 1")
			.contains("restore the applied content, or repair the history if the change is intended");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void appliedScriptDeleted() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);");
		this.fx.migrator().migrate();
		this.fx.write("3_labels.sql", "CREATE TABLE labels (id INTEGER);");
		Files.delete(this.fx.migrations.resolve("2_tags.sql"));
		List<String> before = this.fx.dump();

		ValidationException ex = refused("an applied script deleted", ValidationException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex.problems()).singleElement()
			.asString()
			.isEqualTo("Applied migration 2 (" + path("2_tags.sql") + ") is missing from the code; restore the file, or set ignoreMissingMigrations(true)");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void databaseNewerThanTheCode() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);").write("3_labels.sql", "CREATE TABLE labels (id INTEGER);");
		this.fx.migrator().migrate();
		// an older release of the application starts on this database
		Files.delete(this.fx.migrations.resolve("2_tags.sql"));
		Files.delete(this.fx.migrations.resolve("3_labels.sql"));
		List<String> before = this.fx.dump();

		ValidationException ex = refused("database newer than the code", ValidationException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex.problems()).hasSize(2)
			.allSatisfy((p) -> assertThat(p).startsWith("The database is newer than the code: migration ")
				.contains("the newest migration in the code is 1; deploy the code that has it"));
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void targetVersionThatDoesNotExist() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);");
		List<String> before = this.fx.dump();

		ValidationException ex = refused("a target version that does not exist", ValidationException.class,
				() -> this.fx.migrator().migrate("7"));

		assertThat(ex.problems()).singleElement()
			.asString()
			.isEqualTo("Target version 7 is not a migration in the code; use the version of an existing migration");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void targetVersionThatIsNotAVersion() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);");
		List<String> before = this.fx.dump();

		MigratorException ex = refused("a target that is not a version", MigratorException.class,
				() -> this.fx.migrator().migrate("2.x"));

		assertThat(ex).hasMessageStartingWith("Invalid target version: ").hasMessageContaining("2.x");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void outOfOrderFile() throws Exception {
		this.fx.write("3_labels.sql", "CREATE TABLE labels (id INTEGER);");
		this.fx.migrator().migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);");
		List<String> before = this.fx.dump();

		ValidationException ex = refused("an out-of-order file", ValidationException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex.problems()).singleElement()
			.asString()
			.isEqualTo("Pending migration 2 (" + path("2_tags.sql") + ") is below the current version 3; give it a version above 3, "
					+ "or allow it with outOfOrder(true)");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void outOfOrderFileAllowed() throws Exception {
		this.fx.write("3_labels.sql", "CREATE TABLE labels (id INTEGER);");
		this.fx.migrator().migrate();
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER);");

		assertThat(this.fx.configure().outOfOrder(true).load().migrate().migrations())
			.extracting((m) -> m.version().toString())
			.containsExactly("2");
		print("an out-of-order file, outOfOrder(true)", "applies correctly", "");

		assertThat(this.fx.tables()).contains("labels", "notes", "tags");
		assertThat(this.fx.migrator().info().currentVersion()).hasToString("3");
	}

	@Test
	void locationThatDoesNotExist() throws Exception {
		List<String> before = this.fx.dump();
		Path nowhere = this.dir.resolve("no-such-folder");

		MigratorException ex = refused("a location that does not exist", MigratorException.class,
				() -> this.fx.configure().locations("filesystem:" + nowhere).load().migrate());

		assertThat(ex).hasMessageContaining(nowhere.toString())
			.hasMessageContaining("does not exist or is not a directory: create it, or correct the location");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void historyTableNameWithSqlInIt() throws Exception {
		List<String> before = this.fx.dump();

		MigratorException ex = refused("table-name property with SQL in it", MigratorException.class,
				() -> this.fx.configure().table("schema_migrations; DROP TABLE notes").load().migrate());

		assertThat(ex).hasMessageStartingWith("Invalid history table name 'schema_migrations; DROP TABLE notes'")
			.hasMessageContaining("use a plain SQL identifier");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	// ---- Java migrations ---------------------------------------------------------------------------

	@Test
	void javaMigrationThatThrows() throws Exception {
		List<String> before = appData();

		MigrationFailedException ex = refused("a Java migration that throws", MigrationFailedException.class,
				() -> this.fx.configure().javaMigrations(new Throwing()).load().migrate());

		assertThat(ex.script()).isEqualTo(Throwing.class.getName());
		assertThat(ex).hasMessageContaining(Throwing.class.getName() + ": up() threw java.lang.IllegalStateException: "
				+ "no rule for this note").hasMessageContaining("Nothing of it was applied");
		assertThat(appData()).isEqualTo(before);
		assertThat(failedVersions()).as("nothing stayed, so no failed row blocks the next run").isEmpty();
		assertThat(failedAttempts()).containsExactly("2");
	}

	@Test
	void javaMigrationThatCommitsOnItsOwn() throws Exception {
		List<String> before = appData();

		MigrationFailedException ex = refused("a Java migration that calls commit()", MigrationFailedException.class,
				() -> this.fx.configure().javaMigrations(new Committing()).load().migrate());

		assertThat(ex).hasMessageContaining(Committing.class.getName() + ": up() threw ")
			.hasMessageContaining("commit()")
			.hasMessageContaining("Nothing of it was applied");
		assertThat(appData()).isEqualTo(before);
		assertThat(failedVersions()).as("nothing stayed, so no failed row blocks the next run").isEmpty();
		assertThat(failedAttempts()).containsExactly("2");
	}

	@Test
	void javaMigrationThatTurnsAutoCommitOn() throws Exception {
		List<String> before = appData();

		MigrationFailedException ex = refused("a Java migration that calls setAutoCommit(true)",
				MigrationFailedException.class,
				() -> this.fx.configure().javaMigrations(new AutoCommitting()).load().migrate());

		assertThat(ex).hasMessageContaining(AutoCommitting.class.getName() + ": up() threw ")
			.hasMessageContaining("setAutoCommit(true)")
			.hasMessageContaining("Nothing of it was applied");
		assertThat(appData()).isEqualTo(before);
		assertThat(failedVersions()).as("nothing stayed, so no failed row blocks the next run").isEmpty();
		assertThat(failedAttempts()).containsExactly("2");
	}

	@Test
	void javaMigrationThatClosesTheConnection() throws Exception {
		List<String> before = appData();

		MigrationFailedException ex = refused("a Java migration that closes the connection",
				MigrationFailedException.class, () -> this.fx.configure().javaMigrations(new Closing()).load().migrate());

		assertThat(ex).hasMessageContaining(Closing.class.getName() + ": up() threw ")
			.hasMessageContaining("called close()")
			.hasMessageContaining("Nothing of it was applied");
		assertThat(appData()).isEqualTo(before);
		assertThat(failedVersions()).as("nothing stayed, so no failed row blocks the next run").isEmpty();
		assertThat(failedAttempts()).containsExactly("2");
	}

	/** Version 2: deletes a note, then fails. */
	static class Throwing implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "reshape notes";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("DELETE FROM notes WHERE id = 1");
			}
			throw new IllegalStateException("no rule for this note");
		}

	}

	/** Version 2: deletes a note, commits it behind the engine's back, then goes on. */
	static class Committing extends Throwing {

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("DELETE FROM notes WHERE id = 1");
				context.connection().commit();
				statement.execute("DELETE FROM notes WHERE id = 2");
			}
		}

	}

	/** Version 2: deletes a note, turns auto-commit on (which commits), then goes on. */
	static class AutoCommitting extends Throwing {

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("DELETE FROM notes WHERE id = 1");
				context.connection().setAutoCommit(true);
				statement.execute("DELETE FROM notes WHERE id = 2");
			}
		}

	}

	/** Version 2: deletes a note with the connection in try-with-resources, which closes it. */
	static class Closing extends Throwing {

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Connection connection = context.connection(); Statement statement = connection.createStatement()) {
				statement.execute("DELETE FROM notes WHERE id = 1");
			}
		}

	}

	// ---- helpers ---------------------------------------------------------------------------------

	/** How the engine names a script of the fixture's folder in its messages. */
	String path(String file) {
		return this.fx.migrations.resolve(file).toString();
	}

	/** Runs the bad input, expecting {@code type}; prints the message for the catalogue. */
	<T extends Throwable> T refused(String name, Class<T> type, ThrowingCallable call) {
		T ex = catchThrowableOfType(type, call);
		assertThat(ex).as(name + " should fail with " + type.getSimpleName()).isNotNull();
		print(name, ex.getClass().getSimpleName(), ex.getMessage());
		return ex;
	}

	void print(String name, String outcome, String message) {
		System.out.println("[bad-input-files] " + this.fx.engine() + " | " + name + " | " + outcome + " | "
				+ message.replace(System.lineSeparator(), " ⏎ "));
	}

	/** The application's schema and rows: the dump without Migrator's own tables, which record a failure. */
	List<String> appData() throws SQLException {
		return this.fx.dump().stream().filter((line) -> !line.contains("schema_migrations")).toList();
	}

	/** The versions whose failed attempts the log keeps. */
	List<String> failedAttempts() throws SQLException {
		return this.fx.query("SELECT version FROM schema_migrations_log WHERE action = 'migrate' AND "
				+ MigrateScenarios.SUCCESS + " = 0 ORDER BY id");
	}

	/** The versions the history holds as failed. */
	List<String> failedVersions() throws SQLException {
		return this.fx.query("SELECT version FROM schema_migrations WHERE status = 'failed' ORDER BY version");
	}

}
