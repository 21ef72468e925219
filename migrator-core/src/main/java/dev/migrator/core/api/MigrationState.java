package dev.migrator.core.api;

/** Where a migration stands, comparing the code with the database's history. */
public enum MigrationState {

	/** Known to the code, not yet applied. */
	PENDING,

	/** Applied and recorded. */
	APPLIED,

	/**
	 * Its last attempt may have left changes: statements the database committed before it failed
	 * (DDL on MySQL/MariaDB, a {@code -- migrator:no-transaction} script), or a run that was
	 * interrupted in it. Migrate refuses to run it again until it is repaired: marked applied after
	 * finishing it by hand, or forgotten after undoing it by hand. A failure whose transaction rolled
	 * back entirely leaves no such state: the migration stays pending and the next run retries it.
	 */
	FAILED,

	/** Applied once, then rolled back; pending again. */
	ROLLED_BACK,

	/** Applied, but its file or class is no longer in the code. */
	MISSING,

	/** Pending, but below the current version; applied only with {@code outOfOrder(true)}. */
	OUT_OF_ORDER,

	/** Below the baseline version: covered by the baseline, never applied. */
	BELOW_BASELINE,

	/** The baseline marker itself. */
	BASELINE

}
