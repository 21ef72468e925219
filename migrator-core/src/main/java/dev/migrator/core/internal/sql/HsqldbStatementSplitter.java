package dev.migrator.core.internal.sql;

import java.util.List;

/**
 * HSQLDB: standard SQL quoting and comments; the {@code BEGIN ATOMIC ... END} bodies of routines and
 * triggers are kept whole, with the {@code CASE ... END} and nested {@code BEGIN ... END} inside them.
 */
public final class HsqldbStatementSplitter extends StatementSplitter {

	@Override
	protected int blockDepthChange(String word, String previousWord, List<String> leadingWords, int depth) {
		if (previousWord.equals("END")) {
			// END IF / END WHILE / END LOOP / END FOR / END REPEAT closed nothing opened; END CASE closed its CASE
			// (the END was counted already, even when it took the depth to 0)
			return switch (word) {
				case "IF", "WHILE", "LOOP", "FOR", "REPEAT" -> 1;
				default -> 0;
			};
		}
		if (depth == 0) {
			return (word.equals("ATOMIC") && previousWord.equals("BEGIN") && isCreate(leadingWords)) ? 1 : 0;
		}
		return switch (word) {
			case "BEGIN", "CASE" -> 1;
			case "END" -> -1;
			default -> 0;
		};
	}

	private static boolean isCreate(List<String> words) {
		return !words.isEmpty() && words.get(0).equals("CREATE");
	}

}
