package dev.migrator.core.internal.sql;

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

	@Override
	protected boolean isDelimiterCommand(String word) {
		return word.equals("DELIMITER");
	}
}
