package dev.migrator.core.internal.sql;

import java.io.Reader;
import java.util.Random;

/** Hands out a string in small chunks, so the splitter meets every refill boundary. */
final class ChunkedReader extends Reader {

	private final String text;
	private final Random random; // null: one char per read
	private final int maxChunk;
	private int pos;

	private ChunkedReader(String text, Random random, int maxChunk) {
		this.text = text;
		this.random = random;
		this.maxChunk = maxChunk;
	}

	static ChunkedReader oneCharAtATime(String text) {
		return new ChunkedReader(text, null, 1);
	}

	static ChunkedReader randomChunks(String text, long seed, int maxChunk) {
		return new ChunkedReader(text, new Random(seed), maxChunk);
	}

	@Override
	public int read(char[] target, int offset, int length) {
		if (pos >= text.length()) {
			return -1;
		}
		int chunk = random == null ? 1 : 1 + random.nextInt(maxChunk);
		int count = Math.min(Math.min(chunk, length), text.length() - pos);
		text.getChars(pos, pos + count, target, offset);
		pos += count;
		return count;
	}

	@Override
	public void close() {
		// nothing to release
	}
}
