package dev.migrator.core.internal.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a script with line endings normalised, so a CRLF checkout is not drift. Fed in
 * small chunks, normalised on the way: a normalised copy of the whole script, and its bytes, would
 * each be as large as the script again.
 */
public final class Checksums {

	private static final int CHUNK = 8192;

	private Checksums() {
	}

	public static String sha256(String script) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
		StringBuilder chunk = new StringBuilder(CHUNK + 1);
		boolean afterCr = false;
		for (int i = 0; i < script.length(); i++) {
			char c = script.charAt(i);
			if (c == '\n' && afterCr) {
				afterCr = false;
				continue;
			}
			afterCr = (c == '\r');
			chunk.append(afterCr ? '\n' : c);
			// never between the two halves of a surrogate pair, which encode only together
			if (chunk.length() >= CHUNK && !Character.isHighSurrogate(c)) {
				digest.update(chunk.toString().getBytes(StandardCharsets.UTF_8));
				chunk.setLength(0);
			}
		}
		digest.update(chunk.toString().getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest.digest());
	}

}
