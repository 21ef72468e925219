package dev.migrator.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the tokens of one statement (as the splitter cut it) with its dialect's rules for
 * comments and quotes, which it takes from the splitter's hooks: comments and whitespace are
 * skipped, a quoted identifier is one name token whatever it holds, a string or dollar quote is one
 * string token. For those who must understand a statement's words ({@code DROP /* x *\/ TABLE "t"})
 * rather than match its text. MySQL's {@code /*! … *\/} is read as the code it is.
 */
public final class StatementWords {

	/** What a token is. */
	public enum Kind {

		/** A keyword or an unquoted name, as written. */
		WORD,

		/** A quoted identifier, without its quotes. */
		QUOTED_NAME,

		/** A string literal or dollar-quoted body, without its quotes. */
		STRING,

		/** Any other single character: {@code . , ( ) * ;}. */
		SYMBOL

	}

	/** One token. */
	public record Token(Kind kind, String text) {

		/** Whether this is the keyword {@code keyword} (case-insensitive). */
		public boolean is(String keyword) {
			return this.kind == Kind.WORD && this.text.equalsIgnoreCase(keyword);
		}

		/** Whether this is the symbol {@code symbol}. */
		public boolean is(char symbol) {
			return this.kind == Kind.SYMBOL && this.text.charAt(0) == symbol;
		}

		/** Whether this can be (part of) a name: a word or a quoted identifier. */
		public boolean isName() {
			return this.kind == Kind.WORD || this.kind == Kind.QUOTED_NAME;
		}

		/** The word upper-cased, or "" for any other token. */
		public String keyword() {
			return (this.kind == Kind.WORD) ? this.text.toUpperCase(Locale.ROOT) : "";
		}

	}

	private final StatementSplitter dialect;

	/** @param dialect the splitter whose quoting and comment rules apply */
	public StatementWords(StatementSplitter dialect) {
		this.dialect = dialect;
	}

	/** The tokens of {@code sql}; an unterminated quote or comment simply ends the list. */
	public List<Token> read(String sql) {
		List<Token> tokens = new ArrayList<>();
		read(sql, tokens);
		return tokens;
	}

	private void read(String sql, List<Token> tokens) {
		int n = sql.length();
		int i = 0;
		while (i < n) {
			char c = sql.charAt(i);
			if (isWhitespace(c)) {
				i++;
			}
			else if (startsLineComment(sql, i)) {
				while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
					i++;
				}
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				int end = blockCommentEnd(sql, i);
				if (this.dialect.blockCommentIsCode((i + 2 < n) ? sql.charAt(i + 2) : -1)) {
					// /*!50100 DROP TABLE t */ runs on MySQL: its words count
					int from = i + 3;
					while (from < end && Character.isDigit(sql.charAt(from))) {
						from++;
					}
					read(sql.substring(Math.min(from, end), Math.max(from, end - 2)), tokens);
				}
				i = end;
			}
			else if (this.dialect.isStringQuote(c)) {
				i = quoted(sql, i, c, c, previousWord(tokens, sql, i), Kind.STRING, tokens);
			}
			else if (this.dialect.identifierQuoteClose(c) != StatementSplitter.NOT_A_QUOTE) {
				i = quoted(sql, i, c, this.dialect.identifierQuoteClose(c), "", Kind.QUOTED_NAME, tokens);
			}
			else if (c == '$' && this.dialect.dollarQuotes() && dollarTagEnd(sql, i) > 0) {
				int tagEnd = dollarTagEnd(sql, i);
				String tag = sql.substring(i, tagEnd);
				int close = sql.indexOf(tag, tagEnd);
				int bodyEnd = (close < 0) ? n : close;
				tokens.add(new Token(Kind.STRING, sql.substring(tagEnd, bodyEnd)));
				i = (close < 0) ? n : close + tag.length();
			}
			else if (isWordChar(c)) {
				int start = i;
				while (i < n && isWordChar(sql.charAt(i))) {
					i++;
				}
				tokens.add(new Token(Kind.WORD, sql.substring(start, i)));
			}
			else {
				tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
				i++;
			}
		}
	}

	/** The word touching a quote on its left ({@code E'…'}), upper-cased, or "". */
	private static String previousWord(List<Token> tokens, String sql, int quoteAt) {
		if (tokens.isEmpty() || quoteAt == 0 || !isWordChar(sql.charAt(quoteAt - 1))) {
			return "";
		}
		return tokens.get(tokens.size() - 1).keyword();
	}

	private int quoted(String sql, int at, char open, char close, String wordBefore, Kind kind, List<Token> tokens) {
		boolean doubled = this.dialect.doubledCloseEscapes(open);
		boolean backslash = this.dialect.backslashEscapes(open, wordBefore);
		StringBuilder text = new StringBuilder();
		int i = at + 1;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i++);
			if (c == close) {
				if (doubled && i < n && sql.charAt(i) == close) {
					text.append(close);
					i++;
				}
				else {
					break;
				}
			}
			else if (backslash && c == '\\' && i < n) {
				text.append(sql.charAt(i++));
			}
			else {
				text.append(c);
			}
		}
		tokens.add(new Token(kind, text.toString()));
		return i;
	}

	private boolean startsLineComment(String sql, int i) {
		char c = sql.charAt(i);
		if (c == '#') {
			return this.dialect.hashLineComments();
		}
		if (c != '-' || i + 1 >= sql.length() || sql.charAt(i + 1) != '-') {
			return false;
		}
		return !this.dialect.dashCommentNeedsWhitespace() || i + 2 >= sql.length() || sql.charAt(i + 2) <= ' ';
	}

	/** The index after the block comment that starts at {@code i}, or the end of the text. */
	private int blockCommentEnd(String sql, int i) {
		boolean nested = this.dialect.nestedBlockComments();
		int level = 1;
		int j = i + 2;
		while (j < sql.length()) {
			if (sql.startsWith("*/", j)) {
				j += 2;
				if (--level == 0) {
					return j;
				}
			}
			else if (nested && sql.startsWith("/*", j)) {
				j += 2;
				level++;
			}
			else {
				j++;
			}
		}
		return sql.length();
	}

	/** The index after a {@code $tag$} opener at {@code i}, or -1 when none starts there. */
	private static int dollarTagEnd(String sql, int i) {
		int j = i + 1;
		if (j < sql.length() && sql.charAt(j) == '$') {
			return j + 1;
		}
		if (j >= sql.length() || !isTagStart(sql.charAt(j))) {
			return -1;
		}
		while (j < sql.length() && (isTagStart(sql.charAt(j)) || Character.isDigit(sql.charAt(j)))) {
			j++;
		}
		return (j < sql.length() && sql.charAt(j) == '$') ? j + 1 : -1;
	}

	// The same character classes as the splitter's tokenizer.

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\u000B' || c == '\uFEFF';
	}

	private static boolean isWordChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
				|| (c > 127 && c != '\uFEFF');
	}

	private static boolean isTagStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && c != '\uFEFF');
	}

}
