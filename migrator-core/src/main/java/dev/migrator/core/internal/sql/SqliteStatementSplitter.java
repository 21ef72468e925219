package dev.migrator.core.internal.sql;

import java.util.List;

/**
 * SQLite: four quote styles, non-nesting block comments, and trigger bodies kept whole.
 *
 * <p>{@code CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ...; ...; END;} is one statement. Inside
 * such a statement BEGIN and CASE open a block and END closes one, so a CASE expression in the
 * body cannot end the trigger early. Elsewhere the words mean nothing to the splitter, which keeps
 * {@code BEGIN;} and {@code END;} ordinary statements.
 */
public final class SqliteStatementSplitter extends StatementSplitter {

	@Override
	protected char identifierQuoteClose(char open) {
		return switch (open) {
			case '"' -> '"';
			case '`' -> '`';
			case '[' -> ']';
			default -> NOT_A_QUOTE;
		};
	}

	@Override
	protected boolean doubledCloseEscapes(char open) {
		// SQLite's [...] has no escape: the first ] closes it.
		return open != '[';
	}

	@Override
	protected int blockDepthChange(String word, String previousWord, List<String> leadingWords, int depth) {
		if (!isCreateTrigger(leadingWords)) {
			return 0;
		}
		return switch (word) {
			case "BEGIN", "CASE" -> 1;
			case "END" -> -1;
			default -> 0;
		};
	}

	/**
	 * Besides standard SQL: {@code BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION]} and
	 * {@code END [TRANSACTION]}. A trigger's BEGIN ... END is inside its {@code CREATE TRIGGER}.
	 * {@code SAVEPOINT} and {@code RELEASE} nest inside the migration's transaction; only outside
	 * one (a no-transaction migration, where everything is allowed) would they start or commit one.
	 */
	@Override
	protected TransactionControl transactionControl(List<String> words) {
		return switch (words.get(0)) {
			case "BEGIN" -> TransactionControl.BEGIN;
			case "END" -> TransactionControl.COMMIT;
			case "VACUUM" -> TransactionControl.OUTSIDE_ONLY;
			default -> super.transactionControl(words);
		};
	}

	private static boolean isCreateTrigger(List<String> words) {
		if (words.size() < 2 || !words.get(0).equals("CREATE")) {
			return false;
		}
		String second = words.get(1);
		if (second.equals("TRIGGER")) {
			return true;
		}
		return (second.equals("TEMP") || second.equals("TEMPORARY"))
				&& words.size() >= 3
				&& words.get(2).equals("TRIGGER");
	}
}
