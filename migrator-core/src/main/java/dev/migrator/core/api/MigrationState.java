package dev.migrator.core.api;

/** Where a migration stands, comparing the code with the database's history. */
public enum MigrationState {

	/** Known to the code, not yet applied. */
	PENDING,

	/** Applied and recorded. */
	APPLIED,

	/** Its last attempt failed; the run refuses to go on until {@code repair()}. */
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
