package dev.migrator.core.internal.sql;

import static dev.migrator.core.internal.sql.SplitBothWays.failure;
import static dev.migrator.core.internal.sql.SplitBothWays.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MysqlStatementSplitterTest {

	private final MysqlStatementSplitter splitter = new MysqlStatementSplitter();

	private List<SqlStatement> split(String script) {
		return SplitBothWays.split(splitter, script);
	}

	@Test
	void doubleQuotesAreStringsAndBackslashesEscape() {
		assertThat(sqlOf(split("INSERT INTO t VALUES (\"a\\\"; b\", 'c\\'; d', 'e''f;'); SELECT 2")))
				.containsExactly("INSERT INTO t VALUES (\"a\\\"; b\", 'c\\'; d', 'e''f;')", "SELECT 2");
	}

	@Test
	void backticksQuoteIdentifiersWithoutBackslashEscapes() {
		assertThat(sqlOf(split("SELECT `a\\`, `b``;c` FROM t; SELECT 2")))
				.containsExactly("SELECT `a\\`, `b``;c` FROM t", "SELECT 2");
	}

	@Test
	void hashStartsAComment() {
		assertThat(split("# header; 'x\nSELECT 1 # trailing; \"\n, 2;"))
				.containsExactly(new SqlStatement("SELECT 1 # trailing; \"\n, 2", 2));
	}

	@Test
	void doubleDashStartsACommentOnlyBeforeWhitespace() {
		assertThat(sqlOf(split("SELECT 1--1; SELECT 2 -- c;\n, 3 --\n; SELECT 4 --")))
				.containsExactly("SELECT 1--1", "SELECT 2 -- c;\n, 3", "SELECT 4");
	}

	@Test
	void executableCommentsAreStatementText() {
		assertThat(split("/*!40101 SET NAMES utf8 */;\n/* plain; */;\nSELECT 1 /*!50100 PARTITION BY x */;"))
				.containsExactly(
						new SqlStatement("/*!40101 SET NAMES utf8 */", 1),
						new SqlStatement("SELECT 1 /*!50100 PARTITION BY x */", 3));
	}

	@Test
	void delimiterCommandChangesTheTerminator() {
		String procedure = "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT '$$';\nEND";
		assertThat(split("DELIMITER $$\n" + procedure + "$$\nDELIMITER ;\nSELECT 3;\n"))
				.containsExactly(new SqlStatement(procedure, 2), new SqlStatement("SELECT 3", 8));
	}

	@Test
	void multiCharDelimiterNeedsAFullMatch() {
		assertThat(sqlOf(split("delimiter //\r\nSELECT 4 / 2; SELECT 5 //SELECT 6//\nSELECT 7 /")))
				.containsExactly("SELECT 4 / 2; SELECT 5", "SELECT 6", "SELECT 7 /");
	}

	@Test
	void delimiterCommandIgnoresTheRestOfItsLine() {
		assertThat(sqlOf(split("DELIMITER ;; ignored\nSELECT 1;;SELECT 2"))).containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void delimiterWordLaterInAStatementIsOrdinary() {
		assertThat(sqlOf(split("SELECT delimiter FROM t; SELECT 2"))).containsExactly("SELECT delimiter FROM t", "SELECT 2");
	}

	@Test
	void delimiterCommandWithoutDelimiterFails() {
		SqlSplitException failure = failure(splitter, "SELECT 1;\nDELIMITER   \nSELECT 2");
		assertThat(failure.line()).isEqualTo(2);
		assertThat(failure.getMessage()).contains("DELIMITER //");
		assertThat(failure(splitter, "DELIMITER").line()).isEqualTo(1);
	}

	@Test
	void backslashAtTheEndOfAnUnterminatedStringFails() {
		SqlSplitException failure = failure(splitter, "SELECT 1;\nSELECT \"abc\\");
		assertThat(failure.line()).isEqualTo(2);
		assertThat(failure.getMessage()).startsWith("unterminated string literal (\")");
	}
}
