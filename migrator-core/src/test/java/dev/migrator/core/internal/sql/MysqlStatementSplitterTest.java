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

	// what golang-migrate, dbmate and diesel users write: the tool sends the file whole and the
	// server parses the compound statement, so there is no DELIMITER
	@Test
	void procedureWithoutDelimiterIsOneStatement() {
		String procedure = """
				CREATE DEFINER = CURRENT_USER PROCEDURE close_done(IN days INT)
				BEGIN
				  DECLARE done INT DEFAULT 0;
				  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
				  scan: LOOP
				    IF days > 30 THEN LEAVE scan; ELSEIF days < 0 THEN SET days = 0; END IF;
				    WHILE done < 3 DO SET done = done + 1; END WHILE;
				    REPEAT SET done = done - 1; UNTIL done = 0 END REPEAT;
				    CASE days WHEN 1 THEN SELECT 'one;'; ELSE SELECT CASE WHEN days > 2 THEN 'x' ELSE 'y' END; END CASE;
				    LEAVE scan;
				  END LOOP scan;
				  UPDATE tasks SET status = 'done' WHERE age > days;
				END""";
		assertThat(split(procedure + ";\nSELECT 3;\n"))
				.containsExactly(new SqlStatement(procedure, 1), new SqlStatement("SELECT 3", 14));
	}

	@Test
	void triggerFunctionEventAndAnonymousBlockWithoutDelimiter() {
		String trigger = "CREATE TRIGGER tasks_audit AFTER INSERT ON tasks FOR EACH ROW\nBEGIN\n"
				+ "  INSERT INTO audit_log (what) VALUES (CONCAT('task ', NEW.title));\nEND";
		String function = "create or replace function f(x int) returns int deterministic\nbegin\n"
				+ "  if x > 0 then return 1; end if;\n  return 0;\nend";
		String event = "CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM audit_log; END";
		String anonymous = "BEGIN NOT ATOMIC\n  DECLARE n INT DEFAULT 1;\n  SELECT n;\nEND";
		assertThat(sqlOf(split(trigger + ";\n" + function + ";\n" + event + ";\n" + anonymous + ";\nSELECT 2")))
				.containsExactly(trigger, function, event, anonymous, "SELECT 2");
	}

	@Test
	void blockWordsOutsideStoredProgramsAreOrdinary() {
		// a transaction's BEGIN, and columns MySQL lets be named begin, end and event
		assertThat(sqlOf(split("BEGIN; CREATE TABLE shifts (event INT, begin DATETIME, end DATETIME);"
				+ " SELECT CASE WHEN 1 THEN 2 END; COMMIT")))
				.containsExactly("BEGIN", "CREATE TABLE shifts (event INT, begin DATETIME, end DATETIME)",
						"SELECT CASE WHEN 1 THEN 2 END", "COMMIT");
		// a trigger whose body is one statement has no block
		assertThat(sqlOf(split("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = IF(NEW.a > 0, 1, 0); SELECT 1")))
				.containsExactly("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = IF(NEW.a > 0, 1, 0)",
						"SELECT 1");
	}

	@Test
	void underACustomDelimiterNoWordIsCounted() {
		// an END too many would close nothing the client counts: only // ends the statement
		String body = "CREATE PROCEDURE p() BEGIN SELECT 1; END; END";
		assertThat(sqlOf(split("DELIMITER //\n" + body + "//\nDELIMITER ;\nSELECT 2;")))
				.containsExactly(body, "SELECT 2");
	}

	@Test
	void procedureWithoutItsEndFailsNamingItsFirstLine() {
		SqlSplitException failure = failure(splitter, "SELECT 1;\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 2;\n");
		assertThat(failure.line()).isEqualTo(2);
		assertThat(failure.getMessage()).contains("add the missing END");
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
