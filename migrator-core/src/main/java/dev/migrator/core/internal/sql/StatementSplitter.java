package dev.migrator.core.internal.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Cuts a SQL script into the statements that JDBC executes one at a time.
 *
 * <p>Hand-written because JDBC's {@code Statement.execute} takes exactly one statement, and no
 * maintained library splits scripts per dialect while tracking line numbers and streaming large
 * files. One tokenizer serves every dialect; a subclass switches dialect features on by
 * overriding the protected hooks, so adding a dialect never changes this class.
 *
 * <p>Rules, for every dialect:
 * <ul>
 *   <li>A statement ends at the delimiter ({@code ;} unless a delimiter command changed it) that
 *       is outside quotes and comments and not inside a block (see
 *       {@link #blockDepthChange(String, String, List, int)}). A last statement without a delimiter is
 *       still returned.
 *   <li>A statement's text is the exact source from its first token to its last token: comments
 *       between its tokens are kept, whitespace and comments before the first and after the last
 *       token are dropped. Dropping trailing comments keeps {@code sql + ";"} a valid script even
 *       when the statement ended in a {@code --} comment.
 *   <li>Pieces holding only whitespace and comments produce nothing, so {@code ;;} is harmless.
 *   <li>{@link SqlStatement#line()} is the line of the first token; {@code \n}, {@code \r\n} and a
 *       lone {@code \r} each count as one line break.
 * </ul>
 *
 * <p>The tokenizer is linear: each character is looked at a bounded number of times, and text is
 * only copied out per word and per statement. Instances hold no state and may be shared.
 */
public abstract class StatementSplitter {

	/** Returned by {@link #identifierQuoteClose(char)} for a character that opens no identifier. */
	protected static final char NOT_A_QUOTE = '\0';

	private static final int DEFAULT_BUFFER_CHARS = 8192;

	/** Enough to tell {@code CREATE OR REPLACE TEMPORARY TRIGGER}-style heads apart. */
	private static final int MAX_LEADING_WORDS = 6;

	private static final String DEFAULT_DELIMITER = ";";

	/**
	 * Splits a whole script.
	 *
	 * @param script the script text
	 * @param firstLine the file line of the script's first character (a script may be a section
	 *     of a file), at least 1
	 * @throws SqlSplitException if the script has an unterminated quote, comment or block
	 */
	public List<SqlStatement> split(String script, int firstLine) {
		Objects.requireNonNull(script, "script");
		requireLine(firstLine);
		char[] chars = script.toCharArray();
		Cursor cursor = new Cursor(null, chars, chars.length, firstLine);
		List<SqlStatement> statements = new ArrayList<>();
		cursor.forEachRemaining(statements::add);
		return statements;
	}

	/** Splits a whole script whose first character is on line 1. */
	public List<SqlStatement> split(String script) {
		return split(script, 1);
	}

	/**
	 * Splits a script read lazily from {@code reader}, so that a huge script never sits in memory
	 * whole: only the statement being cut is buffered.
	 *
	 * <p>The iterator throws {@link SqlSplitException} on input it cannot split and
	 * {@link UncheckedIOException} when reading fails; after either it has no more statements.
	 * The reader is not closed: whoever opened it closes it.
	 *
	 * @param reader the script
	 * @param firstLine the file line of the script's first character, at least 1
	 */
	public Iterator<SqlStatement> statements(Reader reader, int firstLine) {
		return statements(reader, firstLine, DEFAULT_BUFFER_CHARS);
	}

	/** Visible for tests, which use tiny buffers to hit every refill and compaction path. */
	Iterator<SqlStatement> statements(Reader reader, int firstLine, int initialBufferChars) {
		Objects.requireNonNull(reader, "reader");
		requireLine(firstLine);
		if (initialBufferChars < 1) {
			throw new IllegalArgumentException("buffer must hold at least one char");
		}
		return new Cursor(reader, new char[initialBufferChars], 0, firstLine);
	}

	private static void requireLine(int firstLine) {
		if (firstLine < 1) {
			throw new IllegalArgumentException("firstLine must be at least 1 but was " + firstLine);
		}
	}

	// ---- Dialect hooks. Defaults are standard SQL. ----

	/** Whether {@code c} opens a string literal closed by the same character. Standard: {@code '}. */
	protected boolean isStringQuote(char c) {
		return c == '\'';
	}

	/**
	 * The character closing a quoted identifier that {@code open} starts, or {@link #NOT_A_QUOTE}.
	 * Standard: {@code "..."}.
	 */
	protected char identifierQuoteClose(char open) {
		return open == '"' ? '"' : NOT_A_QUOTE;
	}

	/**
	 * Whether a doubled closing character inside a quote stands for one literal character
	 * ({@code 'it''s'}). Standard: yes for every quote.
	 */
	protected boolean doubledCloseEscapes(char open) {
		return true;
	}

	/**
	 * Whether a backslash escapes the next character inside a quote opened by {@code open}.
	 *
	 * @param wordBefore the upper-cased word touching the quote on its left (so PostgreSQL can
	 *     recognise {@code E'...'}), or {@code ""} when none does
	 */
	protected boolean backslashEscapes(char open, String wordBefore) {
		return false;
	}

	/** Whether {@code #} starts a comment to the end of the line (MySQL). */
	protected boolean hashLineComments() {
		return false;
	}

	/** Whether {@code --} starts a comment only when whitespace or the end follows it (MySQL). */
	protected boolean dashCommentNeedsWhitespace() {
		return false;
	}

	/** Whether block comments nest, so {@code /* /* *\/ *\/} is one comment (PostgreSQL). */
	protected boolean nestedBlockComments() {
		return false;
	}

	/**
	 * Whether a block comment is really statement text, judged by the character after its
	 * {@code /*} ({@code -1} at the end of input). MySQL runs {@code /*! ... *\/}, and dumps have
	 * statements made of nothing else.
	 */
	protected boolean blockCommentIsCode(int charAfterOpener) {
		return false;
	}

	/** Whether {@code $$...$$} and {@code $tag$...$tag$} are quotes (PostgreSQL). */
	protected boolean dollarQuotes() {
		return false;
	}

	/**
	 * How a word changes the block depth; while the depth is above zero the delimiter does not
	 * end the statement. Called for each word outside quotes and comments, except words starting
	 * with a digit and words right after a {@code .} (qualified names such as {@code new.end}).
	 *
	 * @param word the word, upper-cased
	 * @param previousWord the upper-cased word right before this one with only whitespace or
	 *     comments between (so PostgreSQL can see {@code BEGIN ATOMIC}), or {@code ""}; a word
	 *     that was itself skipped (after a {@code .} or starting with a digit) does not count
	 * @param leadingWords the statement's first words so far (at most six, upper-cased, this word
	 *     included if it is among them)
	 * @param depth the depth before this word
	 * @return +1 if the word opens a block, -1 if it closes one, else 0; depth never drops below 0
	 */
	protected int blockDepthChange(String word, String previousWord, List<String> leadingWords, int depth) {
		return 0;
	}

	/**
	 * Whether {@code word}, the first word of a statement, is a client command that sets the
	 * delimiter to the next whitespace-separated token on its line (MySQL {@code DELIMITER //}).
	 * The command itself is not returned as a statement.
	 *
	 * @param word the word, upper-cased
	 */
	protected boolean isDelimiterCommand(String word) {
		return false;
	}

	/**
	 * What a statement does to its transaction, from its first words (at most six, upper-cased;
	 * called only for a statement whose first token is a word, so {@code "commit"} quoted is never
	 * one). Standard SQL: {@code START TRANSACTION}, {@code COMMIT}, {@code ROLLBACK} (not
	 * {@code ROLLBACK TO SAVEPOINT}, which stays inside the transaction).
	 */
	protected TransactionControl transactionControl(List<String> words) {
		return switch (words.get(0)) {
			case "START" -> words.size() > 1 && words.get(1).equals("TRANSACTION") ? TransactionControl.BEGIN
					: TransactionControl.NONE;
			case "COMMIT" -> TransactionControl.COMMIT;
			case "ROLLBACK" -> rollbackToSavepoint(words) ? TransactionControl.NONE : TransactionControl.OTHER;
			default -> TransactionControl.NONE;
		};
	}

	/** {@code ROLLBACK [WORK|TRANSACTION] TO ...}: back to a savepoint, the transaction goes on. */
	protected static boolean rollbackToSavepoint(List<String> words) {
		int next = words.size() > 1 && (words.get(1).equals("WORK") || words.get(1).equals("TRANSACTION")) ? 2 : 1;
		return words.size() > next && words.get(next).equals("TO");
	}

	// ---- The tokenizer. ----

	private static boolean isWhitespace(char c) {
		// The BOM counts as whitespace so a file read without stripping it still splits cleanly.
		return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\u000B'
				|| c == '\uFEFF';
	}

	private static boolean isWordChar(char c) {
		// Every non-ASCII char is word material, as in the SQLite, PostgreSQL and MySQL lexers.
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| c == '_' || c == '$' || (c > 127 && c != '\uFEFF');
	}

	private static boolean isTagStart(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && c != '\uFEFF');
	}

	private static boolean isTagPart(int c) {
		return isTagStart(c) || (c >= '0' && c <= '9');
	}

	/**
	 * Walks the input once. Text is kept from the current statement's start onwards; before a
	 * statement starts, nothing behind the read position is kept.
	 */
	private final class Cursor implements Iterator<SqlStatement> {

		private final Reader reader; // null when the whole script is already in buf
		private char[] buf;
		private int pos;
		private int limit;
		private boolean endOfInput;

		private int line;
		private boolean afterCr; // so the \n of \r\n does not count again

		private String delimiter = DEFAULT_DELIMITER;

		// The statement being cut; start < 0 while none has begun.
		private int start = -1;
		private int end;
		private int startLine;
		private int depth;
		private final List<String> leadingWords = new ArrayList<>(MAX_LEADING_WORDS);
		private final List<String> leadingView = Collections.unmodifiableList(leadingWords);
		private String lastWord = "";
		private int lastWordEnd = -1;
		private boolean lastWordIsKeyword;
		private boolean startsWithWord;
		private char lastTokenChar = ' ';
		private int tokenStart;
		// The last string literal that ran over a line break, {first line, last line}: when a quote
		// is left open, the next quote closes it, and the error surfaces at a later, innocent line.
		private int[] lastMultiLineString;

		private SqlStatement next;
		private boolean finished;

		Cursor(Reader reader, char[] buf, int limit, int firstLine) {
			this.reader = reader;
			this.buf = buf;
			this.limit = limit;
			this.line = firstLine;
		}

		@Override
		public boolean hasNext() {
			if (next == null && !finished) {
				try {
					next = readStatement();
				} catch (IOException e) {
					finished = true;
					throw new UncheckedIOException(e);
				} catch (RuntimeException e) {
					finished = true;
					throw e;
				}
				finished = next == null;
			}
			return next != null;
		}

		@Override
		public SqlStatement next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			SqlStatement statement = next;
			next = null;
			return statement;
		}

		private SqlStatement readStatement() throws IOException {
			for (;;) {
				if (pos >= limit && !fill(1)) {
					return endOfScript();
				}
				char c = buf[pos];
				if (depth == 0 && c == delimiter.charAt(0) && atDelimiter()) {
					skipSameLine(delimiter.length());
					if (start >= 0) {
						return emit();
					}
				} else if (isWhitespace(c)) {
					advance();
				} else if (startsLineComment(c)) {
					skipLineComment();
				} else if (c == '/' && peek(1) == '*') {
					if (blockCommentIsCode(peek(2))) {
						begin();
						skipBlockComment();
						tokenEnd();
					} else {
						skipBlockComment();
					}
				} else {
					begin();
					char close;
					if (isStringQuote(c)) {
						skipQuoted(c, c, true);
					} else if ((close = identifierQuoteClose(c)) != NOT_A_QUOTE) {
						skipQuoted(c, close, false);
					} else if (c == '$' && dollarQuotes() && skipDollarQuoted()) {
						// consumed
					} else if (isWordChar(c)) {
						if (!readWord()) {
							continue; // it was a delimiter command; there is no token to end
						}
					} else {
						advance();
					}
					tokenEnd();
				}
			}
		}

		private SqlStatement endOfScript() {
			if (start < 0) {
				return null;
			}
			if (depth > 0) {
				throw new SqlSplitException("unterminated block in the statement that starts here"
						+ " (a BEGIN or CASE has no matching END); add the missing END", startLine);
			}
			return emit();
		}

		private SqlStatement emit() {
			TransactionControl control = startsWithWord ? transactionControl(leadingView) : TransactionControl.NONE;
			SqlStatement statement = new SqlStatement(new String(buf, start, end - start), startLine, control);
			resetStatement();
			return statement;
		}

		private void resetStatement() {
			start = -1;
			depth = 0;
			leadingWords.clear();
			lastWord = "";
			lastWordEnd = -1;
			lastWordIsKeyword = false;
			startsWithWord = false;
			lastTokenChar = ' ';
		}

		private void begin() {
			if (start < 0) {
				start = pos;
				startLine = line;
			}
		}

		private void tokenEnd() {
			end = pos;
			lastTokenChar = buf[pos - 1];
		}

		/** Reads a word; returns false if it was a delimiter command, which ends the statement. */
		private boolean readWord() throws IOException {
			tokenStart = pos;
			pos++;
			boolean customDelimiter = !DEFAULT_DELIMITER.equals(delimiter);
			while ((pos < limit || fill(1)) && isWordChar(buf[pos])
					&& !(customDelimiter && depth == 0 && buf[pos] == delimiter.charAt(0) && atDelimiter())) {
				pos++;
			}
			afterCr = false; // word chars are never line breaks
			char first = buf[tokenStart];
			String word = new String(buf, tokenStart, pos - tokenStart).toUpperCase(Locale.ROOT);
			if (tokenStart == start && isDelimiterCommand(word)) {
				changeDelimiter();
				return false;
			}
			if (tokenStart == start) {
				startsWithWord = true;
			}
			if (leadingWords.size() < MAX_LEADING_WORDS) {
				leadingWords.add(word);
			}
			boolean keyword = lastTokenChar != '.' && (first < '0' || first > '9');
			// under a custom delimiter (MySQL's DELIMITER //) that delimiter alone ends the statement,
			// as in the mysql client: no word opens or closes a block
			if (keyword && !customDelimiter) {
				// end still marks the previous token, so equality means that token was a word.
				String previousWord = lastWordEnd >= 0 && lastWordEnd == end && lastWordIsKeyword ? lastWord : "";
				depth = Math.max(0, depth + blockDepthChange(word, previousWord, leadingView, depth));
			}
			lastWord = word;
			lastWordEnd = pos;
			// t.begin atomic is a column and an alias, not BEGIN ATOMIC (found by fuzzing)
			lastWordIsKeyword = keyword;
			return true;
		}

		private void changeDelimiter() throws IOException {
			int commandLine = startLine;
			while ((pos < limit || fill(1)) && (buf[pos] == ' ' || buf[pos] == '\t')) {
				advance();
			}
			StringBuilder newDelimiter = new StringBuilder();
			while ((pos < limit || fill(1)) && !isWhitespace(buf[pos])) {
				newDelimiter.append(buf[pos]);
				advance();
			}
			if (newDelimiter.length() == 0) {
				throw new SqlSplitException(
						"delimiter command without a delimiter; put one after it, e.g. DELIMITER //", commandLine);
			}
			// Like the mysql client, ignore anything else on the command's line.
			while ((pos < limit || fill(1)) && buf[pos] != '\n' && buf[pos] != '\r') {
				advance();
			}
			delimiter = newDelimiter.toString();
			resetStatement();
		}

		private boolean startsLineComment(char c) throws IOException {
			if (c == '#') {
				return hashLineComments();
			}
			if (c != '-' || peek(1) != '-') {
				return false;
			}
			if (!dashCommentNeedsWhitespace()) {
				return true;
			}
			int after = peek(2);
			return after == -1 || after <= ' ';
		}

		private void skipLineComment() throws IOException {
			// The line break itself is left for the main loop, which counts it.
			while ((pos < limit || fill(1)) && buf[pos] != '\n' && buf[pos] != '\r') {
				pos++;
			}
			afterCr = false;
		}

		private void skipBlockComment() throws IOException {
			int openLine = line;
			boolean nested = nestedBlockComments();
			skipSameLine(2);
			int level = 1;
			for (;;) {
				if (pos >= limit && !fill(1)) {
					throw new SqlSplitException(
							"unterminated block comment (/*) that starts here; add the closing */", openLine);
				}
				char c = buf[pos];
				if (c == '*' && peek(1) == '/') {
					skipSameLine(2);
					if (--level == 0) {
						return;
					}
				} else if (nested && c == '/' && peek(1) == '*') {
					skipSameLine(2);
					level++;
				} else {
					advance();
				}
			}
		}

		private void skipQuoted(char open, char close, boolean string) throws IOException {
			int openLine = line;
			boolean doubled = doubledCloseEscapes(open);
			boolean backslash = backslashEscapes(open, lastWordEnd == pos ? lastWord : "");
			advance();
			for (;;) {
				if (pos >= limit && !fill(1)) {
					throw unterminatedQuote(open, close, string, openLine);
				}
				char c = buf[pos];
				advance();
				if (c == close) {
					if (doubled && peek(0) == close) {
						advance();
					} else {
						if (string && line != openLine) {
							lastMultiLineString = new int[] { openLine, line };
						}
						return;
					}
				} else if (backslash && c == '\\') {
					if (pos >= limit && !fill(1)) {
						throw unterminatedQuote(open, close, string, openLine);
					}
					advance();
				}
			}
		}

		private SqlSplitException unterminatedQuote(char open, char close, boolean string, int openLine) {
			String what = string ? "string literal" : "quoted identifier";
			String fix = close == '\'' ? "quote" : String.valueOf(close);
			String earlier = "";
			if (string && lastMultiLineString != null) {
				earlier = "; or, if the string literal on lines " + lastMultiLineString[0] + "–" + lastMultiLineString[1]
						+ " was meant to end on line " + lastMultiLineString[0] + ", add its closing quote there";
			}
			return new SqlSplitException(
					"unterminated " + what + " (" + open + ") that starts here; add the closing " + fix + earlier, openLine);
		}

		/** At a '$': skips a dollar-quoted string, or returns false if no tag starts here. */
		private boolean skipDollarQuoted() throws IOException {
			int length = 1;
			int c = peek(1);
			if (c != '$') {
				if (!isTagStart(c)) {
					return false;
				}
				do {
					c = peek(++length);
				} while (isTagPart(c));
				if (c != '$') {
					return false;
				}
			}
			String tag = new String(buf, pos, length + 1);
			int openLine = line;
			skipSameLine(tag.length());
			for (;;) {
				if (pos >= limit && !fill(1)) {
					throw new SqlSplitException("unterminated dollar-quoted string (" + tag
							+ ") that starts here; add the closing " + tag, openLine);
				}
				if (buf[pos] == '$' && matches(tag)) {
					skipSameLine(tag.length());
					return true;
				}
				advance();
			}
		}

		private boolean atDelimiter() throws IOException {
			return delimiter.length() == 1 || matches(delimiter);
		}

		private boolean matches(String text) throws IOException {
			if (limit - pos < text.length() && !fill(text.length())) {
				return false;
			}
			for (int i = 0; i < text.length(); i++) {
				if (buf[pos + i] != text.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		private void advance() {
			char c = buf[pos++];
			if (c == '\n') {
				if (!afterCr) {
					line++;
				}
				afterCr = false;
			} else if (c == '\r') {
				line++;
				afterCr = true;
			} else {
				afterCr = false;
			}
		}

		/** Skips chars the caller knows hold no line break. */
		private void skipSameLine(int count) {
			pos += count;
			afterCr = false;
		}

		/** The char {@code offset} places ahead, or -1 past the end of input. */
		private int peek(int offset) throws IOException {
			return pos + offset < limit || fill(offset + 1) ? buf[pos + offset] : -1;
		}

		/** Reads until {@code needed} chars from pos on are buffered; false if input ends first. */
		private boolean fill(int needed) throws IOException {
			while (limit - pos < needed) {
				if (reader == null || endOfInput) {
					return false;
				}
				if (limit == buf.length) {
					makeRoom();
				}
				int read = reader.read(buf, limit, buf.length - limit);
				if (read < 0) {
					endOfInput = true;
					return false;
				}
				limit += read;
			}
			return true;
		}

		private void makeRoom() {
			int keep = start >= 0 ? start : pos;
			if (keep > 0) {
				System.arraycopy(buf, keep, buf, 0, limit - keep);
				pos -= keep;
				limit -= keep;
				if (start >= 0) {
					start -= keep;
					end -= keep;
					tokenStart -= keep;
				}
				if (lastWordEnd >= 0) {
					lastWordEnd -= keep;
				}
			}
			// Growing once the kept text fills half the buffer keeps copying linear overall.
			if (limit > buf.length / 2) {
				char[] bigger = new char[buf.length * 2];
				System.arraycopy(buf, 0, bigger, 0, limit);
				buf = bigger;
			}
		}
	}
}
