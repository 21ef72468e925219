package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import dev.migrator.core.api.MigratorException;

/**
 * A migration file too large to hold in memory, typically a data migration of many INSERTs. It is
 * read once when resolved, in one pass that checks its UTF-8, computes the same checksum
 * {@link Checksums} computes for a file in memory, and reads its leading directives and description;
 * when it runs, it is read again and split as it is read ({@link SqlScript#open()}), so memory stays
 * bounded by the largest statement, whatever the file's size.
 * <p>
 * Such a file cannot hold {@code -- migrate:down} or {@code -- migrate:verify} sections: they would
 * need the file cut in memory. Its down and verify scripts go in sibling files.
 *
 * @param script the up script, read from the file
 * @param checksum SHA-256 of the content with line endings normalised, as {@link Checksums#sha256}
 * @param leadingDescription the description from a leading comment line, or null
 * @param hasSql whether anything but blank lines and {@code --} comments is in it
 */
record LargeScript(SqlScript script, String checksum, String leadingDescription, boolean hasSql) {

	/** Files larger than this are streamed; smaller ones are read whole, which is faster. */
	static final long THRESHOLD_BYTES = 4L * 1024 * 1024;

	/** Of each line, only this much is looked at: enough for any section marker or directive. */
	private static final int LINE_HEAD_BYTES = 1024;

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/**
	 * Reads the file once. Problems (bad UTF-8, sections, bad directives) are added to
	 * {@code problems}; null when the file cannot be used at all.
	 */
	static LargeScript scan(ScriptResource resource, List<String> problems, List<String> warnings) {
		Scan scan = new Scan(resource.name(), resource.fileName());
		try (InputStream in = resource.content().open()) {
			byte[] buffer = new byte[1 << 16];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				scan.accept(buffer, read);
			}
			scan.finish();
		}
		catch (IOException ex) {
			throw new MigratorException("Could not read migration " + resource.name() + ": " + ex.getMessage(), ex);
		}
		if (scan.badUtf8At >= 0) {
			problems.add(resource.name() + ": is not valid UTF-8 (bad bytes at offset " + scan.badUtf8At
					+ "); save the file as UTF-8");
			return null;
		}
		if (scan.nulLine > 0) {
			problems.add(ScriptText.nulByte(resource.name(), scan.nulLine));
			return null;
		}
		problems.addAll(scan.problems);
		warnings.addAll(scan.warnings);
		SqlScript.Source source = () -> reader(resource);
		SqlScript script = ScriptText.streamedScript(resource.name(), String.join("\n", scan.header), source, problems);
		return new LargeScript(script, scan.checksum(), scan.description, scan.hasSql);
	}

	/** The file as text, strict UTF-8, without a byte-order mark. */
	private static Reader reader(ScriptResource resource) throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		PushbackReader reader = new PushbackReader(new InputStreamReader(resource.content().open(), decoder), 1);
		int first = reader.read();
		if (first >= 0 && first != '\uFEFF') {
			reader.unread(first);
		}
		return reader;
	}

	/**
	 * The one pass over the bytes. UTF-8 never uses the bytes of {@code \r} and {@code \n} inside a
	 * longer sequence, so lines and line endings can be handled on the bytes, and the checksum over
	 * the normalised bytes equals the checksum over the normalised text.
	 */
	private static final class Scan {

		private final String name;

		private final String fileName;

		private final MessageDigest digest;

		private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);

		private final ByteBuffer undecoded = ByteBuffer.allocate(1 << 17);

		private final CharBuffer decoded = CharBuffer.allocate(1 << 17);

		/** The first bytes of the line being read: all a header, a section or a description needs. */
		private final byte[] lineHead = new byte[LINE_HEAD_BYTES];

		private int lineHeadSize;

		private final List<String> header = new ArrayList<>();

		private final List<String> problems = new ArrayList<>();

		private final List<String> warnings = new ArrayList<>();

		private long offset;

		private long badUtf8At = -1;

		private int nulLine = -1;

		private boolean afterCarriageReturn;

		private int lineNumber = 1;

		private boolean inHeader = true;

		private boolean hasSql;

		private String description;

		private int bomBytesLeft = BOM.length;

		private final byte[] maybeBom = new byte[BOM.length];

		Scan(String name, String fileName) {
			this.name = name;
			this.fileName = fileName;
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
			}
		}

		void accept(byte[] bytes, int length) {
			int start = 0;
			// a leading byte-order mark is not part of the text
			while (this.bomBytesLeft > 0 && start < length) {
				int index = BOM.length - this.bomBytesLeft;
				this.maybeBom[index] = bytes[start];
				if (bytes[start] != BOM[index]) {
					this.bomBytesLeft = 0;
					byte[] notBom = java.util.Arrays.copyOf(this.maybeBom, index + 1);
					text(notBom, 0, notBom.length);
					start++;
					break;
				}
				this.bomBytesLeft--;
				start++;
			}
			if (start < length) {
				text(bytes, start, length - start);
			}
		}

		void finish() {
			if (this.bomBytesLeft > 0 && this.bomBytesLeft < BOM.length) {
				byte[] partial = java.util.Arrays.copyOf(this.maybeBom, BOM.length - this.bomBytesLeft);
				text(partial, 0, partial.length);
			}
			endLine();
			validate(new byte[0], 0, 0, true);
		}

		/**
		 * The bytes between line breaks go to the digest and the line's head in runs: a call per byte
		 * (the digest's, a synchronized stream's) cost a large script most of its scan.
		 */
		private void text(byte[] bytes, int start, int length) {
			validate(bytes, start, length, false);
			int end = start + length;
			int i = start;
			while (i < end) {
				byte b = bytes[i];
				if (b == '\r' || b == '\n') {
					i++;
					if (b == '\n' && this.afterCarriageReturn) {
						// the \n of a \r\n: the \r already ended the line and counted as its \n
						this.afterCarriageReturn = false;
						continue;
					}
					this.afterCarriageReturn = (b == '\r');
					this.digest.update((byte) '\n');
					endLine();
					this.lineNumber++;
					continue;
				}
				this.afterCarriageReturn = false;
				int runEnd = i;
				while (runEnd < end && bytes[runEnd] != '\r' && bytes[runEnd] != '\n') {
					if (bytes[runEnd] == 0 && this.nulLine < 0) {
						this.nulLine = this.lineNumber;
					}
					runEnd++;
				}
				this.digest.update(bytes, i, runEnd - i);
				int kept = Math.min(LINE_HEAD_BYTES - this.lineHeadSize, runEnd - i);
				if (kept > 0) {
					System.arraycopy(bytes, i, this.lineHead, this.lineHeadSize, kept);
					this.lineHeadSize += kept;
				}
				i = runEnd;
			}
		}

		private void validate(byte[] bytes, int start, int length, boolean end) {
			if (this.badUtf8At >= 0) {
				return;
			}
			int at = start;
			while (at < start + length || end) {
				int chunk = Math.min(this.undecoded.remaining(), start + length - at);
				this.undecoded.put(bytes, at, chunk);
				at += chunk;
				this.undecoded.flip();
				long before = this.offset;
				int position = this.undecoded.position();
				CoderResult result = this.decoder.decode(this.undecoded, this.decoded, end);
				if (end && !result.isError()) {
					result = this.decoder.flush(this.decoded);
				}
				this.offset += this.undecoded.position() - position;
				this.decoded.clear();
				if (result.isError()) {
					this.badUtf8At = before + (this.undecoded.position() - position);
					return;
				}
				this.undecoded.compact();
				if (end) {
					return;
				}
			}
		}

		private void endLine() {
			String line = new String(this.lineHead, 0, this.lineHeadSize, StandardCharsets.UTF_8).strip();
			this.lineHeadSize = 0;
			boolean comment = line.startsWith("--");
			if (this.lineNumber == 1 && comment && !ScriptText.isSectionOrDirective(line)) {
				String text = line.substring(2).strip();
				this.description = text.isEmpty() ? null : text;
			}
			if (!line.isEmpty() && !comment) {
				this.hasSql = true;
				this.inHeader = false;
				return;
			}
			if (this.inHeader) {
				// blank lines too, so a directive's line number in the header text is its line in the file
				this.header.add(line);
				return;
			}
			if (comment && ScriptText.isSection(line)) {
				String kind = line.replaceFirst("(?i).*migrate:", "").strip().toLowerCase(Locale.ROOT);
				this.problems.add(this.name + ":" + this.lineNumber + ": '" + line + "' in a file over "
						+ (THRESHOLD_BYTES >> 20) + " MB, which is run as it is read and cannot be cut into sections;"
						+ " move the " + kind + " script into a file of its own beside it, "
						+ this.fileName.replaceFirst("(?i)\\.sql$", "") + "." + kind + ".sql");
			}
			else if (comment && ScriptText.isDirective(line)) {
				this.warnings.add(this.name + ":" + this.lineNumber + ": directive '" + line
						+ "' has no effect here; directives belong in the comments before the first statement");
			}
		}

		String checksum() {
			return HexFormat.of().formatHex(this.digest.digest());
		}

	}

}
