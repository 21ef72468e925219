package dev.migrator.core.internal.sql;

import static dev.migrator.core.internal.sql.SplitBothWays.failure;
import static dev.migrator.core.internal.sql.SplitBothWays.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteStatementSplitterTest {

	private final SqliteStatementSplitter splitter = new SqliteStatementSplitter();

	private List<SqlStatement> split(String script) {
		return SplitBothWays.split(splitter, script);
	}

	private static SqlStatement statement(String sql, int line) {
		return new SqlStatement(sql, line);
	}

	@Test
	void splitsSimpleStatementsWithTheirLines() {
		assertThat(split("CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);\n\nSELECT * FROM a;\n"))
				.containsExactly(
						statement("CREATE TABLE a (id INTEGER)", 1),
						statement("INSERT INTO a VALUES (1)", 2),
						statement("SELECT * FROM a", 4));
	}

	@Test
	void splitsStatementsSharingALine() {
		assertThat(split("SELECT 1;SELECT 2;  SELECT 3"))
				.containsExactly(statement("SELECT 1", 1), statement("SELECT 2", 1), statement("SELECT 3", 1));
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"INSERT INTO t VALUES ('a;b')",
		"SELECT \"a;b\" FROM t",
		"SELECT `a;b` FROM t",
		"SELECT [a;b] FROM t",
	})
	void semicolonInsideAnyQuoteStyleDoesNotSplit(String sql) {
		assertThat(sqlOf(split(sql + ";\nSELECT 2;"))).containsExactly(sql, "SELECT 2");
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"INSERT INTO t VALUES ('it''s; fine', '''', '')",
		"SELECT \"a\"\";b\", \"\"\"\" FROM t",
		"SELECT `a``;b`, ```` FROM t",
	})
	void doubledQuoteIsAnEscapeNotAClose(String sql) {
		assertThat(sqlOf(split(sql + "; SELECT 2"))).containsExactly(sql, "SELECT 2");
	}

	@Test
	void bracketsHaveNoEscapeAndHoldOtherQuotes() {
		assertThat(sqlOf(split("SELECT [a'b\"c`d] FROM t; SELECT ']' ;")))
				.containsExactly("SELECT [a'b\"c`d] FROM t", "SELECT ']'");
	}

	@Test
	void otherQuotesInsideAQuoteAreText() {
		assertThat(sqlOf(split("SELECT 'a\"b`c[d', \"e'f\"; SELECT 2")))
				.containsExactly("SELECT 'a\"b`c[d', \"e'f\"", "SELECT 2");
	}

	@Test
	void lineCommentHidesSemicolonsAndQuotesAndStaysInsideTheStatement() {
		assertThat(split("SELECT 1 -- it's; a \"comment [\nFROM t;\nSELECT 2;"))
				.containsExactly(statement("SELECT 1 -- it's; a \"comment [\nFROM t", 1), statement("SELECT 2", 3));
	}

	@Test
	void blockCommentHidesSemicolonsAndQuotes() {
		assertThat(sqlOf(split("SELECT /* a; b ' \" ` [ */ 1; SELECT 2;")))
				.containsExactly("SELECT /* a; b ' \" ` [ */ 1", "SELECT 2");
	}

	@Test
	void blockCommentsDoNotNestInSqlite() {
		assertThat(sqlOf(split("SELECT /* a /* b */ 1; SELECT 2")))
				.containsExactly("SELECT /* a /* b */ 1", "SELECT 2");
	}

	@Test
	void commentAtEndOfScriptWithoutNewline() {
		assertThat(split("SELECT 1;\n-- bye; 'x")).containsExactly(statement("SELECT 1", 1));
		assertThat(split("SELECT 1;\n/* bye; */")).containsExactly(statement("SELECT 1", 1));
	}

	@Test
	void trailingCommentsAreNotPartOfTheStatement() {
		// Otherwise "SELECT 2 -- bye" + ";" would hide the terminator inside the comment.
		assertThat(sqlOf(split("SELECT 1 /* one */ ;\nSELECT 2 -- bye")))
				.containsExactly("SELECT 1", "SELECT 2");
		assertThat(sqlOf(split("SELECT 1 -- one\n;"))).containsExactly("SELECT 1");
	}

	@Test
	void hashIsNoCommentInSqlite() {
		assertThat(sqlOf(split("SELECT 1 # not a comment; SELECT 2"))).containsExactly("SELECT 1 # not a comment", "SELECT 2");
	}

	@Test
	void lastStatementNeedsNoSemicolon() {
		assertThat(split("SELECT 1;\nSELECT 2\n\n  ")).containsExactly(statement("SELECT 1", 1), statement("SELECT 2", 2));
	}

	@Test
	void dashAndSlashAloneAreOperators() {
		assertThat(sqlOf(split("SELECT 4 - 2 / 1 * -3;-"))).containsExactly("SELECT 4 - 2 / 1 * -3", "-");
	}

	@Test
	void emptyStatementsVanish() {
		assertThat(split(";;  ;\nSELECT 1;;;SELECT 2;\n;"))
				.containsExactly(statement("SELECT 1", 2), statement("SELECT 2", 2));
	}

	@ParameterizedTest
	@ValueSource(strings = {"", "   ", "\n\r\n", ";", " ; ;; ", "-- only a comment", "/* c */;-- d\n;"})
	void scriptsWithoutStatementsGiveNothing(String script) {
		assertThat(split(script)).isEmpty();
	}

	@Test
	void leadingCommentsAreSkippedAndTheLineIsTheFirstTokens() {
		assertThat(split("-- header; 'x\n/* multi\nline; */\n\n   SELECT 1;   -- about the next\n  /* x */ SELECT 2;"))
				.containsExactly(statement("SELECT 1", 5), statement("SELECT 2", 6));
	}

	@Test
	void commentsBetweenTokensAreKept() {
		assertThat(sqlOf(split("INSERT /* why */ INTO t -- note\nVALUES (1);")))
				.containsExactly("INSERT /* why */ INTO t -- note\nVALUES (1)");
	}

	@Test
	void crlfAndLoneCrEachCountAsOneLineBreak() {
		assertThat(split("SELECT 1;\r\nSELECT 2;\rSELECT 3;\n\r\nSELECT 4;\n\rSELECT 5;\r\r\nSELECT 6"))
				.containsExactly(
						statement("SELECT 1", 1),
						statement("SELECT 2", 2),
						statement("SELECT 3", 3),
						statement("SELECT 4", 5),
						statement("SELECT 5", 7),
						statement("SELECT 6", 9));
	}

	@Test
	void lineBreaksInsideQuotesAndCommentsCount() {
		assertThat(split("SELECT 'a\r\nb\rc\nd'; /* x\r\ny */ -- z\r\nSELECT [e\nf]; SELECT 3"))
				.containsExactly(
						statement("SELECT 'a\r\nb\rc\nd'", 1),
						statement("SELECT [e\nf]", 6),
						statement("SELECT 3", 7));
	}

	@Test
	void firstLineOffsetsEveryLine() {
		assertThat(SplitBothWays.split(splitter, "\nSELECT 1;\n\nSELECT 2", 10))
				.containsExactly(statement("SELECT 1", 11), statement("SELECT 2", 13));
	}

	@Test
	void triggerBodyWithSeveralStatementsIsOneStatement() {
		String trigger = """
                CREATE TRIGGER audit_insert AFTER INSERT ON accounts
                BEGIN
                  INSERT INTO audit (what) VALUES ('insert; new');
                  UPDATE counters SET n = n + 1;
                  DELETE FROM pending WHERE id = NEW.id;
                END""";
		assertThat(split("CREATE TABLE x (id);\n" + trigger + ";\nSELECT 1;"))
				.containsExactly(statement("CREATE TABLE x (id)", 1), statement(trigger, 2), statement("SELECT 1", 8));
	}

	@Test
	void caseEndInsideTriggerBodyDoesNotCloseIt() {
		String trigger = """
                CREATE TRIGGER grade AFTER UPDATE ON scores
                WHEN CASE WHEN NEW.points > 0 THEN 1 ELSE 0 END
                BEGIN
                  UPDATE scores SET grade = CASE WHEN NEW.points > 90 THEN 'A;' ELSE 'B' END WHERE id = NEW.id;
                  UPDATE scores SET note = (CASE NEW.points WHEN 0 THEN 'zero' END);
                END""";
		assertThat(sqlOf(split(trigger + ";\nSELECT 1;"))).containsExactly(trigger, "SELECT 1");
	}

	@ParameterizedTest
	@ValueSource(strings = {"CREATE TEMP TRIGGER", "CREATE TEMPORARY TRIGGER", "create temp trigger",
		"Create Trigger", "CREATE /* c */ TRIGGER"})
	void everyTriggerHeadKeepsTheBodyWhole(String head) {
		String trigger = head + " t AFTER DELETE ON a begin DELETE FROM b; DELETE FROM c; end";
		assertThat(sqlOf(split(trigger + ";SELECT 1"))).containsExactly(trigger, "SELECT 1");
	}

	@Test
	void wordsThatOnlyContainKeywordsAreNotKeywords() {
		String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN "
				+ "UPDATE t SET begin_date = 1, legend = 'END', \"end\" = 2, [begin] = 3, `case` = 4, endpoint = 5,"
				+ " weekend = NEW.end, x = NEW.begin, casev = 6; "
				+ "END";
		assertThat(sqlOf(split(trigger + "; SELECT 2;"))).containsExactly(trigger, "SELECT 2");
	}

	@Test
	void beginAndEndOutsideTriggersAreOrdinaryStatements() {
		assertThat(sqlOf(split("BEGIN TRANSACTION;\nINSERT INTO t VALUES (1);\nCOMMIT;\nBEGIN;\nSELECT 1;\nEND;")))
				.containsExactly("BEGIN TRANSACTION", "INSERT INTO t VALUES (1)", "COMMIT", "BEGIN", "SELECT 1", "END");
	}

	@Test
	void caseOutsideTriggersNeedsNoBalancing() {
		assertThat(sqlOf(split("SELECT CASE WHEN 1 THEN 2 END; SELECT CASE; SELECT 3")))
				.containsExactly("SELECT CASE WHEN 1 THEN 2 END", "SELECT CASE", "SELECT 3");
	}

	@Test
	void createTableNamedLikeTriggerStaysOrdinary() {
		assertThat(sqlOf(split("CREATE TABLE trigger_log (begin INT, end INT); SELECT 1")))
				.containsExactly("CREATE TABLE trigger_log (begin INT, end INT)", "SELECT 1");
	}

	@Test
	void byteOrderMarkIsSkipped() {
		assertThat(split("\uFEFFSELECT 1;")).containsExactly(statement("SELECT 1", 1));
	}

	@Test
	void nonAsciiLettersAreWordMaterial() {
		String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET éend = 1, ñbegin = 2; END";
		assertThat(sqlOf(split(trigger + "; SELECT 'ünïcödé;'"))).containsExactly(trigger, "SELECT 'ünïcödé;'");
	}

	static Stream<Arguments> unterminatedConstructs() {
		return Stream.of(
				arguments("SELECT 1;\nSELECT 'abc;\n\n", 2,
						"unterminated string literal (') that starts here; add the closing quote"),
				arguments("SELECT 1;\nSELECT \"abc;\n\n", 2,
						"unterminated quoted identifier (\") that starts here; add the closing \""),
				arguments("SELECT 1;\n\nSELECT `abc", 3,
						"unterminated quoted identifier (`) that starts here; add the closing `"),
				arguments("SELECT [abc;\nSELECT 2;", 1,
						"unterminated quoted identifier ([) that starts here; add the closing ]"),
				arguments("SELECT 'it''", 1,
						"unterminated string literal (') that starts here; add the closing quote"),
				arguments("SELECT 1;\n  /* abc;\n*", 2,
						"unterminated block comment (/*) that starts here; add the closing */"),
				arguments("SELECT 1; SELECT 2 /*", 1,
						"unterminated block comment (/*) that starts here; add the closing */"));
	}

	@ParameterizedTest
	@MethodSource("unterminatedConstructs")
	void unterminatedConstructsFailAtTheLineTheyStart(String script, int line, String message) {
		SqlSplitException failure = failure(splitter, script);
		assertThat(failure.line()).isEqualTo(line);
		assertThat(failure.getMessage()).isEqualTo(message);
	}

	@Test
	void unterminatedTriggerFailsAtTheCreateLine() {
		SqlSplitException failure = failure(splitter,
				"SELECT 1;\n-- the trigger\nCREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  SELECT CASE WHEN 1 THEN 2 END;\n"
						+ "END -- forgot nothing here\n;\nCREATE TRIGGER u AFTER INSERT ON a\nBEGIN\n SELECT 1;\n");
		assertThat(failure.line()).isEqualTo(8);
		assertThat(failure.getMessage()).contains("unterminated block", "add the missing END");
	}

	@Test
	void unbalancedEndDoesNotDriveTheDepthNegative() {
		assertThat(sqlOf(split("CREATE TRIGGER t END END BEGIN SELECT 1; END; SELECT 2")))
				.containsExactly("CREATE TRIGGER t END END BEGIN SELECT 1; END", "SELECT 2");
	}
}
