package dev.migrator.core.api;

/**
 * How the migration lock is held on a server database. SQLite always uses its file lock, which
 * dies with its process and needs none of these.
 */
public enum LockMode {

	/**
	 * The database's best lock: on PostgreSQL {@link #TRANSACTION}, which works on a direct
	 * connection and behind a pooler alike.
	 */
	AUTO,

	/**
	 * PostgreSQL: a session-level advisory lock ({@code pg_advisory_lock}) on a connection of its own.
	 * Needs a direct connection or session pooling: behind PgBouncer in transaction pooling the lock
	 * stays on whichever server connection took it, and the unlock may go to another.
	 */
	SESSION,

	/**
	 * PostgreSQL: a transaction-level advisory lock ({@code pg_advisory_xact_lock}) held by a
	 * transaction kept open, on a connection of its own, for the whole run. A pooler keeps a
	 * transaction on one server connection, so this works behind PgBouncer in transaction pooling.
	 */
	TRANSACTION,

	/**
	 * A row in the lock table ({@code <table>_lock}), renewed by a heartbeat and taken over when its
	 * holder has not renewed it for {@code lock.lease}: for databases or setups where advisory
	 * locks are not available.
	 */
	TABLE

}
