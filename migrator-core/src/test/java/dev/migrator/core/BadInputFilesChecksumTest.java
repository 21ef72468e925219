package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.migrator.core.internal.resolve.Checksums;

/**
 * The checksum of a script is fed in chunks so a huge script is not copied whole (see the 100 MB
 * case of {@link BadInputFilesSqliteTest}); it must stay the checksum that applied migrations
 * already carry in their history, or every existing database would report drift.
 */
class BadInputFilesChecksumTest {

	@Test
	void chunkedChecksumEqualsTheWholeScriptsNormalisedChecksum() throws Exception {
		Random random = new Random(7);
		String[] pieces = { "\r\n", "\r", "\n", "\r\r\n", "é", "😀", "SELECT 1;", " ", "x" };
		for (int run = 0; run < 200; run++) {
			StringBuilder script = new StringBuilder();
			int length = random.nextInt(3) == 0 ? 8190 + random.nextInt(20) : random.nextInt(30_000);
			while (script.length() < length) {
				script.append(pieces[random.nextInt(pieces.length)]);
			}
			assertThat(Checksums.sha256(script.toString())).as("script %d", run).isEqualTo(whole(script.toString()));
		}
	}

	@Test
	void crlfAndLfGiveOneChecksum() {
		assertThat(Checksums.sha256("CREATE TABLE a (id INTEGER);\r\nINSERT INTO a VALUES (1);\r\n"))
			.isEqualTo(Checksums.sha256("CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);\n"));
	}

	/** The checksum as it was computed before chunking: the whole normalised script at once. */
	private static String whole(String script) throws Exception {
		String normalized = script.replace("\r\n", "\n").replace('\r', '\n');
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8)));
	}

}
