package dev.migrator.core.internal.sql;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The MySQL splitter under generated and mutated input for a time budget: see {@link SplitterFuzzing}. */
class MysqlStatementSplitterFuzzTest {

	@Test
	void splitsOrRejectsEveryInputAndRoundTrips() throws InterruptedException {
		SplitterFuzzing.fuzz(new SplitterFuzzing.Dialect("mysql", new MysqlStatementSplitter(),
				SplitterFuzzing.tokens("`", "#", "# c\n", "-- ", "--x", "/*!40101 ", "\\'", "\\\"", "\nDELIMITER //\n",
						"\nDELIMITER ;\n", "DELIMITER $$", "DELIMITER", "//", "$$", "CREATE PROCEDURE p() BEGIN "),
				ServerScriptGenerator::mysql, MysqlStatementSplitterFuzzTest::join));
	}

	/**
	 * Statements that hold a semicolon came from a DELIMITER block, and so may stored programs (whose
	 * BEGIN ... END are counted only without one, and a mutated one need not balance), so they are
	 * joined again under a delimiter made of a character none of them contains (so it cannot fuse
	 * with their text), as a dump would be.
	 */
	private static String join(List<String> statements) {
		if (statements.stream().noneMatch((sql) -> sql.contains(";") || startsWith(sql, "CREATE") || startsWith(sql, "BEGIN"))) {
			return SplitterFuzzing.joinWithSemicolons(statements);
		}
		char mark = '~';
		for (int i = 0; containedIn(statements, mark); i++) {
			mark = (i < DELIMITER_CHARS.length()) ? DELIMITER_CHARS.charAt(i) : (char) ('\uE000' + i);
		}
		String delimiter = String.valueOf(mark).repeat(2);
		return "DELIMITER " + delimiter + "\n" + SplitterFuzzing.joinWith(delimiter, statements);
	}

	private static boolean startsWith(String sql, String word) {
		return sql.regionMatches(true, 0, word, 0, word.length());
	}

	private static final String DELIMITER_CHARS = "@!%^&|/$?";

	private static boolean containedIn(List<String> statements, char mark) {
		return statements.stream().anyMatch((sql) -> sql.indexOf(mark) >= 0);
	}

}
