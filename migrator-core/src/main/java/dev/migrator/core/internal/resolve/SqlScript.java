package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;

/**
 * SQL to run: a whole file or one section of it. A script of a file too large to hold in memory
 * ({@link LargeScript}) has no text, only a {@link Source} that reads it again from the file each
 * time it is run.
 *
 * @param name the file it comes from, for error messages
 * @param sql the SQL text, line endings as in the file; null for a script read from its source
 * @param firstLine the file line of the text's first character, so errors point into the file
 * @param transactional false when a {@code -- migrator:no-transaction} directive applies
 * @param lockTimeout from a {@code -- migrator:lock-timeout=} directive, or null
 * @param statementTimeout from a {@code -- migrator:statement-timeout=} directive, or null
 * @param source where a large script is read from; null when {@code sql} holds the text
 */
public record SqlScript(String name, String sql, int firstLine, boolean transactional, Duration lockTimeout,
		Duration statementTimeout, Source source) {

	public SqlScript {
		if ((sql == null) == (source == null)) {
			throw new IllegalArgumentException("a script has either its text or a source to read it from: " + name);
		}
	}

	/** A script held in memory. */
	public SqlScript(String name, String sql, int firstLine, boolean transactional, Duration lockTimeout,
			Duration statementTimeout) {
		this(name, sql, firstLine, transactional, lockTimeout, statementTimeout, null);
	}

	/** Without timeout directives. */
	public SqlScript(String name, String sql, int firstLine, boolean transactional) {
		this(name, sql, firstLine, transactional, null, null);
	}

	/** Whether the script is read from its file as it runs, rather than held in memory. */
	public boolean streamed() {
		return this.source != null;
	}

	/** The script's text from its first character; the caller closes it. */
	public Reader open() throws IOException {
		return streamed() ? this.source.open() : new StringReader(this.sql);
	}

	/** Opens a large script's text again, from its first character. */
	@FunctionalInterface
	public interface Source {

		Reader open() throws IOException;

	}

}
