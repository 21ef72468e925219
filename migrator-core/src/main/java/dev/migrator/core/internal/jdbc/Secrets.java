package dev.migrator.core.internal.jdbc;

import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks passwords in text that leaves the engine: JDBC drivers and {@link java.sql.DriverManager}
 * quote the URL in their messages ("No suitable driver found for jdbc:...?password=..."), and
 * those messages end up in exceptions, logs and the Actuator. Hand-written because the masking
 * has to know JDBC URL shapes, and the exception chain must be rebuilt with the masked text: a
 * cause keeps its original message otherwise.
 */
public final class Secrets {

	/** What a secret is replaced with. */
	public static final String MASK = "****";

	// ?password=..., &pwd=..., ;passwd=... up to the next parameter or the end of the URL
	private static final Pattern PASSWORD_PARAMETER = Pattern
		.compile("(?i)((?:password|passwd|pwd)\\s*=\\s*)[^&;\\s\"')]*");

	// scheme://user:secret@host
	private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]*):[^@/\\s]*@");

	private Secrets() {
	}

	/**
	 * The text with every password parameter and every URL {@code user:secret@} part blanked, and
	 * {@code password} where it stands as a value: after a password key, as the URL's secret, or
	 * quoted whole. Never a bare occurrence: a password {@code app} must not blank the file name
	 * {@code app.db} in a driver's message, nor a password {@code 1} a version.
	 */
	public static String mask(String text, String password) {
		if (text == null) {
			return null;
		}
		boolean known = password != null && !password.isEmpty();
		String masked = text;
		if (known) {
			// first the known password whole, which may hold characters that end an unknown value
			for (String before : new String[] { "password=", "passwd=", "pwd=" }) {
				masked = replaceIgnoringCase(masked, before + password, before.length());
			}
			masked = masked.replace(":" + password + "@", ":" + MASK + "@");
			for (char quote : new char[] { '\'', '"', '`' }) {
				masked = masked.replace(quote + password + quote, quote + MASK + quote);
			}
		}
		masked = PASSWORD_PARAMETER.matcher(masked).replaceAll((m) -> Matcher.quoteReplacement(m.group(1) + MASK));
		return USER_INFO.matcher(masked).replaceAll((m) -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
	}

	/** Replaces each {@code key=password} (key in any case) with {@code key=****}. */
	private static String replaceIgnoringCase(String text, String keyAndPassword, int keyLength) {
		StringBuilder out = new StringBuilder();
		int from = 0;
		int at;
		while ((at = indexIgnoringKeyCase(text, keyAndPassword, keyLength, from)) >= 0) {
			out.append(text, from, at + keyLength).append(MASK);
			from = at + keyAndPassword.length();
		}
		return out.append(text, from, text.length()).toString();
	}

	private static int indexIgnoringKeyCase(String text, String keyAndPassword, int keyLength, int from) {
		for (int i = from; i + keyAndPassword.length() <= text.length(); i++) {
			if (text.regionMatches(true, i, keyAndPassword, 0, keyLength)
					&& text.startsWith(keyAndPassword.substring(keyLength), i + keyLength)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The exception, or a copy of it whose message and causes' messages are masked, with the
	 * same SQL state, error code and stack traces.
	 */
	public static SQLException mask(SQLException ex, String password) {
		return (SQLException) maskChain(ex, password);
	}

	/** The throwable, or a copy of its chain with masked messages; SQLExceptions stay SQLExceptions. */
	public static Throwable maskChain(Throwable thrown, String password) {
		Throwable cause = thrown.getCause();
		Throwable maskedCause = (cause != null && cause != thrown) ? maskChain(cause, password) : cause;
		String message = thrown.getMessage();
		String masked = mask(message, password);
		if (Objects.equals(message, masked) && maskedCause == cause) {
			return thrown;
		}
		Throwable copy = (thrown instanceof SQLException sql)
				? new SQLException(masked, sql.getSQLState(), sql.getErrorCode(), maskedCause)
				: new MaskedException(thrown.getClass().getName() + ((masked != null) ? ": " + masked : ""), maskedCause);
		copy.setStackTrace(thrown.getStackTrace());
		for (Throwable suppressed : thrown.getSuppressed()) {
			copy.addSuppressed(maskChain(suppressed, password));
		}
		return copy;
	}

	/** Stands in for a cause whose message held a secret; its message names the original type. */
	static final class MaskedException extends Exception {

		private static final long serialVersionUID = 1L;

		MaskedException(String message, Throwable cause) {
			super(message, cause);
		}

		@Override
		public String toString() {
			return getMessage();
		}

	}

}
