package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;

/**
 * A script over 4 MB is streamed from its file as it runs, so the file is read again after the
 * run's checks: when a deployment changes or removes it in between (here, as migration 1 is
 * applied), what it now holds is not run blindly. A COMMIT that appeared is refused before it runs,
 * text that no longer splits and a file that is gone fail with the file and line, and nothing of
 * the migration stays.
 */
class ScriptChangedWhileRunningTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	private Path big;

	@BeforeEach
	void setUp() throws IOException {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_first.sql", "CREATE TABLE first (id INTEGER);");
		this.big = this.fx.migrations.resolve("2_big.sql");
		String payload = "a payload long enough to make the file large; ".repeat(8);
		try (Writer out = Files.newBufferedWriter(this.big, StandardCharsets.UTF_8)) {
			out.write("CREATE TABLE big_rows (id INTEGER PRIMARY KEY, payload TEXT);\n");
			for (int i = 1; i <= 12_000; i++) {
				out.write("INSERT INTO big_rows (id, payload) VALUES (" + i + ", '" + payload + i + "');\n");
			}
		}
		assertThat(Files.size(this.big)).isGreaterThan(4L * 1024 * 1024);
	}

	private interface Change {

		void apply(Path file) throws IOException;

	}

	/** Runs migrate, changing the big file as migration 1 is applied; returns what it threw. */
	private void migrateChanging(Change change, String... expected) {
		MigrationListener changer = new MigrationListener() {

			@Override
			public void migrationApplied(MigrationRun run, boolean dryRun) {
				if (run.version().toString().equals("1")) {
					try {
						change.apply(ScriptChangedWhileRunningTest.this.big);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}

		};
		var thrown = assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).listeners(changer).load().migrate())
			.isInstanceOf(MigrationFailedException.class);
		for (String part : expected) {
			thrown.hasMessageContaining(part);
		}
	}

	@Test
	void aCommitThatAppearedIsNotRunAndNothingOfTheMigrationStays() throws Exception {
		migrateChanging((file) -> Files.writeString(file, "CREATE TABLE big_rows (id INTEGER PRIMARY KEY);\n"
				+ "INSERT INTO big_rows (id) VALUES (1);\nCOMMIT;\nINSERT INTO big_rows (id) VALUES (2);\n"),
				"2_big.sql:3", "'COMMIT' would end the migration's transaction; it was not run");

		assertThat(this.fx.tables()).contains("first").doesNotContain("big_rows");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version")).containsExactly("1|applied");
	}

	@Test
	void textThatNoLongerSplitsFailsWithItsLineAndNothingStays() throws Exception {
		migrateChanging((file) -> Files.writeString(file, "CREATE TABLE big_rows (id INTEGER PRIMARY KEY);\n"
				+ "INSERT INTO big_rows (id) VALUES (1);\nINSERT INTO big_rows (payload) VALUES ('never closed);\n"),
				"2_big.sql:3");

		assertThat(this.fx.tables()).doesNotContain("big_rows");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version")).containsExactly("1|applied");
	}

	@Test
	void aFileThatIsGoneFailsSayingToCheckItIsThere() throws Exception {
		migrateChanging(Files::delete, "2_big.sql", "could not read the script (",
				"check that the file is there, readable and valid UTF-8");

		assertThat(this.fx.tables()).doesNotContain("big_rows");
	}

	@Test
	void validateReadsALargePendingScriptWholeAndSaysWhatItCouldNotCheck() throws Exception {
		this.fx.migrator().migrate("1");

		var result = this.fx.migrator().validate();

		// its inserts use the table its first statement creates: SQLite cannot compile them before it exists
		assertThat(result.warnings()).anySatisfy((w) -> assertThat(w).startsWith("Syntax checked without running: ")
			.contains("could not be"));
		assertThat(this.fx.tables()).doesNotContain("big_rows");
	}

}
