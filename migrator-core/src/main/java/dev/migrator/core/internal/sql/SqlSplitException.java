package dev.migrator.core.internal.sql;

/**
 * Input the splitter cannot split: an unterminated quote, comment or block.
 *
 * <p>Unchecked so that it can escape from the streaming {@link java.util.Iterator}. The message
 * names the construct and the fix; the caller prefixes {@code "file:line: "}, because only the
 * caller knows the file.
 */
public final class SqlSplitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int line;

	/**
	 * @param message what is wrong and how to fix it, without a location
	 * @param line the 1-based line where the offending construct started
	 */
	public SqlSplitException(String message, int line) {
		super(message);
		this.line = line;
	}

	/** The 1-based line where the offending construct started. */
	public int line() {
		return line;
	}
}
