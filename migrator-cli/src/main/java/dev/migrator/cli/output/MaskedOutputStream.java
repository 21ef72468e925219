package dev.migrator.cli.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that holds each line until it is complete (or flushed) and writes it with its
 * secrets blanked. Whole lines, because a secret written in two pieces must still be recognised.
 */
public final class MaskedOutputStream extends OutputStream {

	private final OutputStream target;

	private final SecretMask mask;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	public MaskedOutputStream(OutputStream target, SecretMask mask) {
		this.target = target;
		this.mask = mask;
	}

	@Override
	public synchronized void write(int b) throws IOException {
		this.line.write(b);
		if (b == '\n') {
			writeLine();
		}
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
		for (int i = offset; i < offset + length; i++) {
			write(bytes[i]);
		}
	}

	@Override
	public synchronized void flush() throws IOException {
		writeLine();
		this.target.flush();
	}

	@Override
	public synchronized void close() throws IOException {
		flush();
		this.target.close();
	}

	private void writeLine() throws IOException {
		if (this.line.size() == 0) {
			return;
		}
		String text = this.line.toString(StandardCharsets.UTF_8);
		this.line.reset();
		this.target.write(this.mask.apply(text).getBytes(StandardCharsets.UTF_8));
	}

}
