package dev.migrator.cli.output;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks secrets in text before it leaves the process: the password values the command line was
 * given, and any password inside a JDBC URL (a {@code password=} parameter, a {@code user:secret@}
 * part), even one the command line never parsed. Every byte written to stdout and stderr passes
 * through it, so a driver's message that quotes the URL cannot leak the password either.
 */
public final class SecretMask {

	/** What a secret is replaced with. */
	public static final String MASK = "****";

	// ?password=..., &pwd=..., ;passwd=... (URL parameters) up to the next parameter or the end of the URL
	private static final Pattern PASSWORD_PARAMETER = Pattern
		.compile("(?i)([?&;]\\s*(?:password|passwd|pwd))(\\s*=\\s*)[^&;\\s\"')]*");

	// scheme://user:secret@host
	private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]*):[^@/\\s]*@");

	private final List<String> secrets = new CopyOnWriteArrayList<>();

	/** Adds a secret to blank from now on; null and empty are ignored. */
	public void add(String secret) {
		if (secret != null && !secret.isEmpty() && !this.secrets.contains(secret)) {
			this.secrets.add(secret);
			// longest first, so a secret that contains another is blanked whole
			this.secrets.sort(Comparator.comparingInt(String::length).reversed());
		}
	}

	/** The text with every known secret and every URL password blanked. */
	public String apply(String text) {
		String masked = text;
		for (String secret : this.secrets) {
			masked = masked.replace(secret, MASK);
		}
		masked = PASSWORD_PARAMETER.matcher(masked).replaceAll((m) -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
		return USER_INFO.matcher(masked).replaceAll((m) -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
	}

}
