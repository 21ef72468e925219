package dev.migrator.core.internal.sql;

import java.util.List;

/**
 * MySQL and MariaDB with the default SQL mode, split the way the {@code mysql} client splits.
 *
 * <p>{@code "} quotes strings (not identifiers), backslashes escape in strings, {@code #} and
 * {@code -- } start comments, and {@code /*! ... *\/} is code. Compound statements (procedures,
 * triggers with BEGIN ... END) need {@code DELIMITER}, exactly as in the client, because
 * counting MySQL's many block keywords (IF, LOOP, WHILE, REPEAT, labels) by words is unreliable.
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
	protected boolean isDelimiterCommand(String word) {
		return word.equals("DELIMITER");
	}
}
