package dev.migrator.core.internal.dialect;

import java.time.Duration;

/**
 * What one migration transaction runs with, besides its SQL.
 *
 * @param transactional false for a {@code -- migrator:no-transaction} migration, which runs with
 * auto-commit on
 * @param schema the schema the migration runs in (PostgreSQL's {@code search_path}), or null for the
 * connection's own
 * @param lockTimeout how long to wait for a lock another session holds, or null for the database's setting
 * @param statementTimeout how long one statement may run, or null for the database's setting
 */
public record TransactionSettings(boolean transactional, String schema, Duration lockTimeout,
		Duration statementTimeout) {

	/** A plain transaction: the connection's schema and the database's timeouts. */
	public static final TransactionSettings PLAIN = new TransactionSettings(true, null, null, null);

}
