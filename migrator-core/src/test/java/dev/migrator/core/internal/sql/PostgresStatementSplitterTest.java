package dev.migrator.core.internal.sql;

import static dev.migrator.core.internal.sql.SplitBothWays.failure;
import static dev.migrator.core.internal.sql.SplitBothWays.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresStatementSplitterTest {

	private final PostgresStatementSplitter splitter = new PostgresStatementSplitter();

	private List<SqlStatement> split(String script) {
		return SplitBothWays.split(splitter, script);
	}

	@Test
	void dollarQuotedBodyIsOneToken() {
		String function = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1; -- ';\nEND;\n$$ LANGUAGE plpgsql";
		assertThat(split(function + ";\nSELECT 1;"))
				.containsExactly(new SqlStatement(function, 1), new SqlStatement("SELECT 1", 6));
	}

	@Test
	void taggedDollarQuoteClosesOnlyOnItsOwnTag() {
		String sql = "DO $body$ BEGIN EXECUTE $$SELECT 1;$$; PERFORM 'x$'; END $body$";
		assertThat(sqlOf(split(sql + "; SELECT 2"))).containsExactly(sql, "SELECT 2");
	}

	@Test
	void tagsMayHoldDigitsUnderscoresAndNonAsciiLetters() {
		String sql = "SELECT $t_1$;$t_1$, $é$;$é$, \"a;b\"";
		assertThat(sqlOf(split(sql + "; SELECT 2"))).containsExactly(sql, "SELECT 2");
	}

	@Test
	void dollarSignsThatOpenNoQuoteAreOrdinary() {
		assertThat(sqlOf(split("SELECT $1, a$b$, $x, $ 2, $9$; SELECT 2")))
				.containsExactly("SELECT $1, a$b$, $x, $ 2, $9$", "SELECT 2");
	}

	@Test
	void backslashEscapesOnlyInEscapeStrings() {
		assertThat(sqlOf(split("SELECT E'a\\'b;c', e'\\\\', 'd\\'; SELECT 2")))
				.containsExactly("SELECT E'a\\'b;c', e'\\\\', 'd\\'", "SELECT 2");
	}

	@Test
	void blockCommentsNest() {
		assertThat(sqlOf(split("SELECT /* a /* b; */ c / d; */ 1; SELECT 2")))
				.containsExactly("SELECT /* a /* b; */ c / d; */ 1", "SELECT 2");
	}

	@Test
	void beginAtomicBodyIsKeptWhole() {
		String function = "CREATE OR REPLACE FUNCTION f(begin int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
				+ "  SELECT CASE WHEN begin > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND";
		String procedure = "create procedure p() begin /* why */ atomic insert into t values (1); end";
		assertThat(sqlOf(split(function + ";\n" + procedure + "; BEGIN; COMMIT")))
				.containsExactly(function, procedure, "BEGIN", "COMMIT");
	}

	@Test
	void qualifiedBeginBeforeAtomicOpensNoBlock() {
		// found by PostgresStatementSplitterFuzzTest: t.begin is a column, atomic its alias
		String function = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC\n"
				+ "  SELECT t.begin /* c */ atomic FROM t;\n  SELECT 2;\nEND";
		assertThat(split(function + ";\nSELECT 3;")).containsExactly(new SqlStatement(function, 1),
				new SqlStatement("SELECT 3", 5));
	}

	@Test
	void beginAtomicOutsideARoutineIsOrdinary() {
		assertThat(sqlOf(split("CREATE TABLE atomic (begin int); BEGIN ATOMIC; SELECT CASE")))
				.containsExactly("CREATE TABLE atomic (begin int)", "BEGIN ATOMIC", "SELECT CASE");
	}

	@Test
	void unterminatedDollarQuoteFailsWhereItOpens() {
		SqlSplitException failure = failure(splitter, "SELECT 1;\nDO $fn$ BEGIN; END $fn");
		assertThat(failure.line()).isEqualTo(2);
		assertThat(failure.getMessage())
				.isEqualTo("unterminated dollar-quoted string ($fn$) that starts here; add the closing $fn$");
	}

	@Test
	void unterminatedNestedCommentFailsWhereTheOuterOneOpens() {
		assertThat(failure(splitter, "SELECT 1;\n/* a\n/* b */\n").line()).isEqualTo(2);
	}

	@Test
	void unterminatedAtomicBodyFailsAtItsStatement() {
		assertThat(failure(splitter, "SELECT 1;\nCREATE FUNCTION f() BEGIN ATOMIC SELECT 1;").line()).isEqualTo(2);
	}
}
