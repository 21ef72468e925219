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
 */
public record ScriptResource(String name, String fileName, String origin, long size, Content content) {

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
