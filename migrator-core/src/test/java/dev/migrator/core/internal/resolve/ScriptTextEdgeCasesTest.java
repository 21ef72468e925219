package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.MigrationVersion;

/**
 * How a migration file is cut into its up, down and verify sections at the edges: a marker on the
 * file's last line, a file that starts with its down section, old Mac line breaks (a lone \r), an
 * up marker in the wrong place, and the leading comments of a file too large to be read whole.
 */
class ScriptTextEdgeCasesTest {

	@TempDir
	Path dir;

	private final List<String> problems = new ArrayList<>();

	private final List<String> warnings = new ArrayList<>();

	@Test
	void aDownMarkerOnTheLastLineWithNoLineBreakGivesAnEmptyDownAndLeavesTheUpWhole() {
		ScriptText text = parse("CREATE TABLE t (id INTEGER);\n-- migrate:down");

		assertThat(text.up().sql()).isEqualTo("CREATE TABLE t (id INTEGER);\n");
		assertThat(text.down()).isNotNull();
		assertThat(text.down().sql()).isEmpty();
		assertThat(text.down().firstLine()).isEqualTo(3);
		assertThat(text.verify()).isNull();
		assertThat(this.problems).isEmpty();
	}

	@Test
	void anUpMarkerOnTheLastLineGivesAnEmptyUp() {
		ScriptText text = parse("-- the users\n-- migrate:up");

		assertThat(text.up().sql()).isEmpty();
		assertThat(ScriptText.hasSql(text.up().sql())).isFalse();
		assertThat(text.leadingDescription()).isEqualTo("the users");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aFileThatStartsWithItsDownSectionHasAnEmptyUp() {
		ScriptText text = parse("-- migrate:down\nDROP TABLE t;\n");

		assertThat(text.up().sql()).isEmpty();
		assertThat(text.down().sql()).isEqualTo("DROP TABLE t;\n");
		assertThat(text.down().firstLine()).isEqualTo(2);
		assertThat(text.leadingDescription()).as("a section marker is no description").isNull();
	}

	@Test
	void oldMacLineBreaksCutSectionsAndNumberLinesAsOtherLineBreaksDo() {
		ScriptText text = parse("CREATE TABLE t (id INTEGER);\r-- migrate:down\rDROP TABLE t;\r-- migrate:verify\r"
				+ "SELECT id FROM t;\r");

		assertThat(text.up().sql()).isEqualTo("CREATE TABLE t (id INTEGER);\r");
		assertThat(text.down().sql()).isEqualTo("DROP TABLE t;\r");
		assertThat(text.down().firstLine()).isEqualTo(3);
		assertThat(text.verify().sql()).isEqualTo("SELECT id FROM t;\r");
		assertThat(text.verify().firstLine()).isEqualTo(5);
		assertThat(this.problems).isEmpty();
	}

	@Test
	void directivesSeparatedByLoneCarriageReturnsAreEachReadAndAProblemNamesItsLine() {
		ScriptText text = parse("-- migrator:no-transaction\r-- migrator:lock-timeout=5s\r-- migrator:colour=blue\r"
				+ "CREATE INDEX i ON t (id);\r");

		assertThat(text.up().transactional()).isFalse();
		assertThat(text.up().lockTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.problems).singleElement()
			.satisfies((p) -> assertThat(p).startsWith("1_t.sql:3: unknown directive 'migrator:colour'; "));
	}

	@Test
	void anUpMarkerAfterTheDownSectionIsAProblemNamingItsLine() {
		parse("CREATE TABLE t (id INTEGER);\n-- migrate:down\nDROP TABLE t;\n-- migrate:up\nCREATE TABLE u (id INTEGER);\n");

		assertThat(this.problems).containsExactly(
				"1_t.sql:4: '-- migrate:up' must come first; put the up SQL before the down and verify sections");
	}

	@Test
	void anUpMarkerAfterSqlIsAProblemNamingItsLine() {
		parse("CREATE TABLE t (id INTEGER);\n-- migrate:up\nCREATE TABLE u (id INTEGER);\n");

		assertThat(this.problems).containsExactly(
				"1_t.sql:2: '-- migrate:up' must come first; put the up SQL before the down and verify sections");
	}

	@Test
	void anUpMarkerAfterOnlyCommentsIsWhereTheUpStarts() {
		ScriptText text = parse("-- users\n/* the first table */\n-- migrate:up\nCREATE TABLE t (id INTEGER);\n");

		assertThat(this.problems).isEmpty();
		assertThat(text.up().sql()).isEqualTo("CREATE TABLE t (id INTEGER);\n");
		assertThat(text.up().firstLine()).isEqualTo(4);
	}

	@Test
	void aLeadingCommaInRequiresIsSkippedAndTheVersionsAfterItAreRequired() {
		ScriptText text = parse("-- migrator:requires ,003, 005\nCREATE TABLE t (id INTEGER);\n");

		assertThat(this.problems).isEmpty();
		assertThat(text.prerequisites().describe()).isEqualTo("requires 003, 005");
		assertThat(text.prerequisites().requires()).extracting((r) -> r.version())
			.containsExactly(MigrationVersion.parse("003"), MigrationVersion.parse("005"));
	}

	@Test
	void aDirectiveAfterTheFirstStatementIsWarnedAboutButALineStartingWithOneDashIsNot() {
		ScriptText text = parse("CREATE TABLE t (id INTEGER);\n-\n-1\n-- migrator:no-transaction\n");

		assertThat(text.up().transactional()).as("the directive has no effect").isTrue();
		assertThat(this.warnings).containsExactly("1_t.sql:4: directive '-- migrator:no-transaction' has no effect here;"
				+ " directives belong in the comments before the first statement");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void commentsEndedByALoneCarriageReturnAndAnUnclosedBlockCommentAreToldFromSql() {
		assertThat(ScriptText.hasSql("-- only a note\r-- and another\r")).isFalse();
		assertThat(ScriptText.hasSql("-- a note\rSELECT 1;")).isTrue();
		assertThat(ScriptText.hasSql("-- a note with no line break")).isFalse();
		assertThat(ScriptText.hasSql("/* closed */\n")).isFalse();
		assertThat(ScriptText.hasSql("/* never closed\nSELECT 1;")).as("an unclosed comment is text to run").isTrue();
	}

	@Test
	void aFileTooLargeToReadWholeTakesTheDirectivesOfItsLeadingCommentsAndItsNameForDescription() throws Exception {
		ResolvedMigration big = resolveLarge("-- migrator:no-transaction\n-- migrator:statement-timeout=2min\n");

		assertThat(big.up().streamed()).as("premise: streamed from its file").isTrue();
		assertThat(big.up().transactional()).isFalse();
		assertThat(big.up().statementTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(big.description()).as("a directive line is no description").isEqualTo("big");
	}

	@Test
	void anUpMarkerOnTheFirstLineOfAFileTooLargeToReadWholeIsNoDescription() throws Exception {
		ResolvedMigration big = resolveLarge("-- migrate:up\n");

		assertThat(big.up().streamed()).as("premise: streamed from its file").isTrue();
		assertThat(big.up().transactional()).isTrue();
		assertThat(big.description()).isEqualTo("big");
	}

	private ResolvedMigration resolveLarge(String header) throws IOException {
		Path file = this.dir.resolve("1_big.sql");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(header + "CREATE TABLE big (id INTEGER);\n");
			long written = 0;
			for (int i = 0; written <= LargeScript.THRESHOLD_BYTES; i++) {
				String line = "INSERT INTO big VALUES (" + i + ");\n";
				out.write(line);
				written += line.length();
			}
		}
		Resolution resolution = new MigrationResolver(Migrator.configure()
			.url("jdbc:sqlite::memory:")
			.locations("filesystem:" + this.dir)
			.configuration()).resolve();
		assertThat(resolution.migrations()).hasSize(1);
		return resolution.migrations().get(0);
	}

	private ScriptText parse(String text) {
		return ScriptText.parse("1_t.sql", text, this.problems, this.warnings);
	}

}
