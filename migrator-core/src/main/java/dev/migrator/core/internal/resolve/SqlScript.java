package dev.migrator.core.internal.resolve;

/**
 * SQL to run: a whole file or one section of it.
 *
 * @param name the file it comes from, for error messages
 * @param sql the SQL text, line endings as in the file
 * @param firstLine the file line of the text's first character, so errors point into the file
 * @param transactional false when a {@code -- migrator:no-transaction} directive applies
 */
public record SqlScript(String name, String sql, int firstLine, boolean transactional) {
}
