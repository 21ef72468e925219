package dev.migrator.core.internal.resolve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A {@code .sql} file found in a location. Its bytes are read when it is resolved, not when it is
 * found, so a file too large to hold in memory can be streamed instead ({@link LargeScript}).
 *
 * @param name what users see: the path below the classpath root, or the file's path
 * @param fileName the last path segment
 * @param origin where exactly it came from (a URL or path), to tell apart two files of one name
 * @param size the file's size in bytes
 * @param content opens the raw content, each time from its start
 * @param modified a plain file's modification time in milliseconds as the scan read it, or
 * {@link #MODIFIED_UNKNOWN} (a jar's entry, a link, bytes in memory)
 */
public record ScriptResource(String name, String fileName, String origin, long size, Content content, long modified) {

	/** No modification time read with the scan. */
	public static final long MODIFIED_UNKNOWN = Long.MIN_VALUE;

	/** Without a modification time. */
	public ScriptResource(String name, String fileName, String origin, long size, Content content) {
		this(name, fileName, origin, size, content, MODIFIED_UNKNOWN);
	}

	/** A script whose bytes are already in memory. */
	static ScriptResource of(String name, String fileName, String origin, byte[] bytes) {
		return new ScriptResource(name, fileName, origin, bytes.length, () -> new ByteArrayInputStream(bytes));
	}

	/** The whole content; only for scripts below {@link LargeScript#THRESHOLD_BYTES}. */
	byte[] bytes() {
		try (InputStream in = this.content.open()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + this.origin + ": " + ex.getMessage(), ex);
		}
	}

	/** Opens the raw content. */
	@FunctionalInterface
	public interface Content {

		InputStream open() throws IOException;

	}

}
