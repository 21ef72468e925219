package dev.migrator.core.internal.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a script with line endings normalised, so a CRLF checkout is not drift. */
public final class Checksums {

	private Checksums() {
	}

	public static String sha256(String script) {
		String normalized = (script.indexOf('\r') < 0) ? script : script.replace("\r\n", "\n").replace('\r', '\n');
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
