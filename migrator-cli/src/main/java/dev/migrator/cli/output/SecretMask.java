package dev.migrator.cli.output;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks secrets in text before it leaves the process, only where a secret stands as a value: after
 * a password key ({@code ?password=...}, {@code migrator.password=...}, {@code "password": "..."}),
 * as the {@code secret} of a URL's {@code user:secret@}, and a known password quoted whole
 * ({@code '...'}, as picocli and drivers quote arguments) or after a password-like option
 * ({@code --pasword=...}). Never a bare occurrence: a password {@code 1} must not blank
 * {@code "exitCode": 1}, nor a password {@code app} the backup id {@code app_..._v1.db}.
 */
public final class SecretMask {

	/** What a secret is replaced with. */
	public static final String MASK = "****";

	// a key that names a password (password, passwd, pwd, secret, with prefixes such as spring.datasource.),
	// then = or : (optionally inside JSON quotes); a key holding a file name is not a secret
	private static final Pattern PASSWORD_KEY = Pattern
		.compile("(?i)(?<![\\w.-])([\\w.-]*(?:password|passwd|pwd|secret)(?![\\w.-]*file)[\\w.-]*\"?\\s*[=:])\\s*");

	// an option that looks like a password, as a user may mistype it: --pasword=, --pw=, --passwd=
	private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)(--?(?![\\w-]*file)[\\w-]*(?:pas|pw)[\\w-]*=)\\s*");

	// scheme://user:secret@host
	private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s\"']*:)");

	// where an unknown value (one no command-line source gave) ends
	private static final Pattern VALUE_END = Pattern.compile("[&;\\s\"',)}\\]]");

	private final List<String> secrets = new CopyOnWriteArrayList<>();

	/** Adds a secret to blank from now on; null and empty are ignored. */
	public void add(String secret) {
		if (secret != null && !secret.isEmpty() && !this.secrets.contains(secret)) {
			this.secrets.add(secret);
			// longest first, so a secret that contains another is blanked whole
			this.secrets.sort(Comparator.comparingInt(String::length).reversed());
		}
	}

	/** The text with every secret that stands as a value blanked. */
	public String apply(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = afterKey(text, PASSWORD_KEY);
		masked = afterKey(masked, PASSWORD_OPTION);
		masked = userInfo(masked);
		return quoted(masked);
	}

	/** Blanks the value after each match of {@code key}: a known secret whole, else up to where a value ends. */
	private String afterKey(String text, Pattern key) {
		Matcher matcher = key.matcher(text);
		StringBuilder out = new StringBuilder();
		int copied = 0;
		while (matcher.find(copied)) {
			int start = matcher.end();
			// a known secret may begin with the blanks the pattern took as spacing
			for (int at = matcher.end(1); at < matcher.end(); at++) {
				if (knownSecretEnd(text, at, "") >= 0) {
					start = at;
					break;
				}
			}
			// a JSON-quoted value ("password": "...") starts after its quote, unless the quote is the password
			if (start < text.length() && text.charAt(start) == '"' && knownSecretEnd(text, start, "") < 0) {
				start++;
			}
			if (text.startsWith(MASK, start)) {
				out.append(text, copied, start);
				copied = start;
				continue;
			}
			int end = knownSecretEnd(text, start, "");
			// a placeholder (--password=<password> in the usage, ${DB_PASSWORD}) holds no secret
			boolean placeholder = start < text.length() && (text.charAt(start) == '<' || text.charAt(start) == '$');
			if (end < 0 && !placeholder) {
				Matcher valueEnd = VALUE_END.matcher(text).region(start, text.length());
				end = valueEnd.find() ? valueEnd.start() : text.length();
			}
			if (end <= start) {
				out.append(text, copied, start);
				copied = start;
				continue;
			}
			out.append(text, copied, start).append(MASK);
			copied = end;
		}
		out.append(text, copied, text.length());
		return out.toString();
	}

	/** {@code ://user:secret@}: a known secret whole, else up to the {@code @} that ends the user info. */
	private String userInfo(String text) {
		Matcher matcher = USER_INFO.matcher(text);
		StringBuilder out = new StringBuilder();
		int copied = 0;
		while (matcher.find(copied)) {
			int start = matcher.end();
			int end = knownSecretEnd(text, start, "@");
			if (end < 0) {
				Matcher at = Pattern.compile("[^@/\\s]*@").matcher(text).region(start, text.length());
				end = at.lookingAt() ? at.end() - 1 : -1;
			}
			if (end < 0 || text.startsWith(MASK + "@", start)) {
				out.append(text, copied, start);
				copied = start;
				continue;
			}
			out.append(text, copied, start).append(MASK);
			copied = end;
		}
		out.append(text, copied, text.length());
		return out.toString();
	}

	/** A known secret quoted whole: {@code 'secret'}, {@code "secret"}, {@code `secret`}. */
	private String quoted(String text) {
		String masked = text;
		for (String secret : this.secrets) {
			for (char quote : new char[] { '\'', '"', '`' }) {
				masked = masked.replace(quote + secret + quote, quote + MASK + quote);
			}
		}
		return masked;
	}

	/**
	 * Where a known secret starting at {@code start} ends, when it is followed by {@code terminator}
	 * (or, with an empty terminator, by the end of the text or a character that ends a value); -1 when none.
	 */
	private int knownSecretEnd(String text, int start, String terminator) {
		for (String secret : this.secrets) {
			if (text.startsWith(secret, start)) {
				int end = start + secret.length();
				boolean ends = terminator.isEmpty()
						? (end == text.length() || VALUE_END.matcher(text.substring(end, end + 1)).matches())
						: text.startsWith(terminator, end);
				if (ends) {
					return end;
				}
			}
		}
		return -1;
	}

}
