package dev.migrator.core.internal.resolve;

import java.time.Duration;

/**
 * SQL to run: a whole file or one section of it.
 *
 * @param name the file it comes from, for error messages
 * @param sql the SQL text, line endings as in the file
 * @param firstLine the file line of the text's first character, so errors point into the file
 * @param transactional false when a {@code -- migrator:no-transaction} directive applies
 * @param lockTimeout from a {@code -- migrator:lock-timeout=} directive, or null
 * @param statementTimeout from a {@code -- migrator:statement-timeout=} directive, or null
 */
public record SqlScript(String name, String sql, int firstLine, boolean transactional, Duration lockTimeout,
		Duration statementTimeout) {

	/** Without timeout directives. */
	public SqlScript(String name, String sql, int firstLine, boolean transactional) {
		this(name, sql, firstLine, transactional, null, null);
	}

}
