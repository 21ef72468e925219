package dev.migrator.core.internal.sql;

import java.util.List;

/**
 * MySQL and MariaDB with the default SQL mode, split the way the {@code mysql} client splits.
 *
 * <p>{@code "} quotes strings (not identifiers), backslashes escape in strings, {@code #} and
 * {@code -- } start comments, and {@code /*! ... *\/} is code.
 *
 * <p>Compound statements (a procedure's, function's, trigger's or event's {@code BEGIN ... END},
 * MariaDB's {@code BEGIN NOT ATOMIC ... END}) are read whole in two ways. With {@code DELIMITER},
 * as the {@code mysql} client reads them: the custom delimiter alone ends the statement and no
 * word is counted. Without it, as the server parses a file that a tool sends whole (golang-migrate,
 * dbmate and diesel do, so their users write no {@code DELIMITER}): only inside such a statement,
 * {@code BEGIN} and {@code CASE} open a block and {@code END} closes one; {@code END IF},
 * {@code END LOOP}, {@code END WHILE} and {@code END REPEAT} close blocks whose openers are not
 * counted (an {@code IF} may be the function), so they change nothing, and {@code END CASE} closes
 * its {@code CASE}. Labels after {@code END} are ordinary words.
 */
public final class MysqlStatementSplitter extends StatementSplitter {

	@Override
	protected boolean isStringQuote(char c) {
		return c == '\'' || c == '"';
	}

	@Override
	protected char identifierQuoteClose(char open) {
		return open == '`' ? '`' : NOT_A_QUOTE;
	}

	@Override
	protected boolean backslashEscapes(char open, String wordBefore) {
		return open != '`';
	}

	@Override
	protected boolean hashLineComments() {
		return true;
	}

	@Override
	protected boolean dashCommentNeedsWhitespace() {
		return true;
	}

	@Override
	protected boolean blockCommentIsCode(int charAfterOpener) {
		return charAfterOpener == '!';
	}

	/**
	 * Besides standard SQL: {@code BEGIN [WORK]} (not MariaDB's {@code BEGIN NOT ATOMIC}, a compound
	 * statement; a procedure's or trigger's BEGIN is inside its {@code CREATE}), and what commits
	 * or hands transactions to the session: {@code SET autocommit}/{@code SET @@session.autocommit},
	 * {@code XA ...}, {@code LOCK TABLES} and {@code UNLOCK TABLES} (both commit implicitly).
	 * {@code SAVEPOINT}, {@code RELEASE SAVEPOINT} and {@code ROLLBACK TO} stay inside the
	 * transaction.
	 */
	@Override
	protected TransactionControl transactionControl(List<String> words) {
		String second = words.size() > 1 ? words.get(1) : "";
		return switch (words.get(0)) {
			case "BEGIN" -> second.equals("NOT") ? TransactionControl.NONE : TransactionControl.BEGIN;
			case "XA" -> TransactionControl.OTHER;
			case "LOCK", "UNLOCK" -> second.equals("TABLE") || second.equals("TABLES") ? TransactionControl.OTHER
					: TransactionControl.NONE;
			case "SET" -> words.contains("AUTOCOMMIT") ? TransactionControl.OTHER : TransactionControl.NONE;
			default -> super.transactionControl(words);
		};
	}

	@Override
	protected int blockDepthChange(String word, String previousWord, List<String> leadingWords, int depth) {
		if (isAnonymousBlock(leadingWords)) {
			// the statement's own BEGIN was read before NOT ATOMIC showed what it is: count it here
			if (word.equals("ATOMIC") && leadingWords.size() == 3 && previousWord.equals("NOT")) {
				return 1;
			}
		}
		else if (!isStoredProgram(leadingWords)) {
			return 0;
		}
		if (previousWord.equals("END")) {
			switch (word) {
				case "IF", "LOOP", "WHILE", "REPEAT":
					return 1; // the END before closed a block that was never opened: undo it
				case "CASE":
					return 0; // END CASE: the END closed it
				default:
					break;
			}
		}
		return switch (word) {
			case "BEGIN", "CASE" -> 1;
			case "END" -> -1;
			default -> 0;
		};
	}

	private static boolean isAnonymousBlock(List<String> words) {
		return words.size() >= 3 && words.get(0).equals("BEGIN") && words.get(1).equals("NOT")
				&& words.get(2).equals("ATOMIC");
	}

	/**
	 * {@code CREATE [OR REPLACE] [DEFINER = ...] [AGGREGATE] PROCEDURE|FUNCTION|TRIGGER|EVENT}; a
	 * definer written as bare words ({@code root@localhost}) is not recognised, and such a
	 * statement needs {@code DELIMITER} as before.
	 */
	private static boolean isStoredProgram(List<String> words) {
		if (words.isEmpty() || !words.get(0).equals("CREATE")) {
			return false;
		}
		for (int i = 1; i < words.size(); i++) {
			switch (words.get(i)) {
				case "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT":
					return true;
				case "OR", "REPLACE", "DEFINER", "CURRENT_USER", "AGGREGATE":
					continue;
				default:
					return false;
			}
		}
		return false;
	}

	@Override
	protected boolean isDelimiterCommand(String word) {
		return word.equals("DELIMITER");
	}
}
