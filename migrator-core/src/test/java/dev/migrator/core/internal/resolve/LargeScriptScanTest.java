package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.MigratorException;

/**
 * The one pass over a large migration file: the checksum a small file of the same text would have,
 * its description, directives and problems, whatever sizes the reads come in.
 */
class LargeScriptScanTest {

	private static final String NAME = "db/migration/V7__load.sql";

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private final List<String> problems = new ArrayList<>();

	private final List<String> warnings = new ArrayList<>();

	/** Content that hands out at most {@code chunk} bytes per read, as a slow stream may. */
	private static ScriptResource resource(byte[] bytes, int chunk) {
		return new ScriptResource(NAME, "V7__load.sql", "/srv/" + NAME, bytes.length, () -> new InputStream() {

			private final ByteArrayInputStream in = new ByteArrayInputStream(bytes);

			@Override
			public int read() {
				return this.in.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				return this.in.read(buffer, offset, Math.min(length, chunk));
			}

		});
	}

	private LargeScript scan(byte[] bytes, int chunk) {
		return LargeScript.scan(resource(bytes, chunk), this.problems, this.warnings);
	}

	private LargeScript scan(String text) {
		return scan(text.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
	}

	private static byte[] concat(byte[] first, String text) {
		byte[] rest = text.getBytes(StandardCharsets.UTF_8);
		byte[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
		System.arraycopy(rest, 0, all, first.length, rest.length);
		return all;
	}

	private static String read(LargeScript script) throws IOException {
		try (Reader reader = script.script().open()) {
			StringBuilder text = new StringBuilder();
			for (int c = reader.read(); c >= 0; c = reader.read()) {
				text.append((char) c);
			}
			return text.toString();
		}
	}

	@Test
	void aByteOrderMarkReadOneByteAtATimeIsNotPartOfTheTextNorTheChecksum() throws IOException {
		String text = "-- Loads the catalogue\r\nINSERT INTO t VALUES ('\u00e9\u20ac');\rINSERT INTO t VALUES (2);\n";

		for (int chunk : new int[] { 1, 2, 3, 4, 1 << 16 }) {
			LargeScript script = scan(concat(BOM, text), chunk);

			assertThat(script.checksum()).as("read %d bytes at a time", chunk).isEqualTo(Checksums.sha256(text));
			assertThat(script.leadingDescription()).isEqualTo("Loads the catalogue");
			assertThat(script.hasSql()).isTrue();
			assertThat(read(script)).isEqualTo(text);
		}
		assertThat(this.problems).isEmpty();
	}

	@Test
	void bytesThatOnlyBeginLikeAByteOrderMarkAreText() throws IOException {
		// U+FFFD is EF BF BD: its first byte is the mark's
		String text = "\uFFFD\nSELECT 1;\n";

		LargeScript script = scan(text.getBytes(StandardCharsets.UTF_8), 1);

		assertThat(script.checksum()).isEqualTo(Checksums.sha256(text));
		assertThat(read(script)).isEqualTo(text);
	}

	@Test
	void aFileThatIsOnlyAByteOrderMarkOrEmptyHoldsNoSql() throws IOException {
		for (byte[] bytes : List.of(BOM, new byte[0])) {
			LargeScript script = scan(bytes, 1 << 16);

			assertThat(script.hasSql()).isFalse();
			assertThat(script.checksum()).isEqualTo(Checksums.sha256(""));
			assertThat(script.leadingDescription()).isNull();
			assertThat(read(script)).isEmpty();
		}
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aFileCutOffInsideAByteOrderMarkOrACharacterIsNotUtf8() {
		assertThat(scan(new byte[] { (byte) 0xEF, (byte) 0xBB }, 1)).isNull();
		assertThat(scan(new byte[] { (byte) 0xEF }, 1)).isNull();
		assertThat(scan(new byte[] { 'S', 'E', 'L', (byte) 0xC3 }, 1 << 16)).isNull();

		assertThat(this.problems).containsExactly(
				NAME + ": is not valid UTF-8 (bad bytes at offset 0); save the file as UTF-8",
				NAME + ": is not valid UTF-8 (bad bytes at offset 0); save the file as UTF-8",
				NAME + ": is not valid UTF-8 (bad bytes at offset 3); save the file as UTF-8");
	}

	@Test
	void theFirstNulByteIsTheOneReported() {
		assertThat(scan("SELECT 1;\nSELECT '\0';\nSELECT '\0';\n")).isNull();

		assertThat(this.problems).containsExactly(ScriptText.nulByte(NAME, 2));
	}

	@Test
	void aFirstLineThatIsADirectiveOrAnEmptyCommentIsNoDescription() {
		assertThat(scan("-- migrator:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n").leadingDescription()).isNull();
		assertThat(scan("--\nSELECT 1;\n").leadingDescription()).isNull();
		assertThat(scan("--   \nSELECT 1;\n").leadingDescription()).isNull();
		assertThat(scan("  --  Loads   it  \nSELECT 1;\n").leadingDescription()).isEqualTo("Loads   it");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aLeadingDirectiveApplies() {
		LargeScript script = scan("-- Builds an index\n\n-- migrator:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n");

		assertThat(script.script().transactional()).isFalse();
		assertThat(script.leadingDescription()).isEqualTo("Builds an index");
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void aDirectiveAfterTheFirstStatementIsAWarningAndOtherCommentsAreNothing() {
		LargeScript script = scan("INSERT INTO t VALUES (1);\n\n-- more rows\n-- migrator:no-transaction\nINSERT INTO t VALUES (2);\n");

		assertThat(script.script().transactional()).isTrue();
		assertThat(this.warnings).containsExactly(NAME + ":4: directive '-- migrator:no-transaction' has no effect here;"
				+ " directives belong in the comments before the first statement");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aSectionAfterTheFirstStatementNamesTheFileToMoveItInto() {
		scan("INSERT INTO t VALUES (1);\r\n-- migrate:down\r\nDELETE FROM t;\r\n");

		assertThat(this.problems).containsExactly(NAME + ":2: '-- migrate:down' in a file over 4 MB, which is run as it is"
				+ " read and cannot be cut into sections; move the down script into a file of its own beside it,"
				+ " V7__load.down.sql");
	}

	@Test
	void aFileThatCannotBeReadIsNamed() {
		ScriptResource gone = new ScriptResource(NAME, "V7__load.sql", "/srv/" + NAME, 5_000_000, () -> {
			throw new FileNotFoundException("/srv/" + NAME + " (No such file or directory)");
		});

		assertThatThrownBy(() -> LargeScript.scan(gone, this.problems, this.warnings)).isInstanceOf(MigratorException.class)
			.hasMessage("Could not read migration " + NAME + ": /srv/" + NAME + " (No such file or directory)")
			.hasCauseInstanceOf(FileNotFoundException.class);
	}

}
