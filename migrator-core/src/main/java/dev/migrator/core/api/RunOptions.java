package dev.migrator.core.api;

/**
 * How a migrate or rollback runs.
 *
 * @param dryRun apply to a copy of the database (SQLite) or in a transaction that is rolled back
 * (PostgreSQL) and report, leaving the database untouched
 * @param allowDataLoss let a rollback drop tables or columns that hold data (refused otherwise)
 * @param allowEmptyDown let a rollback pass a down that is empty or only comments (other tools'
 * "nothing to undo"), marking its migration rolled back while its change stays (refused otherwise)
 */
public record RunOptions(boolean dryRun, boolean allowDataLoss, boolean allowEmptyDown) {

	/** A real run that refuses data loss and empty downs. */
	public static final RunOptions DEFAULT = new RunOptions(false, false, false);

	/** Options that refuse empty downs. */
	public RunOptions(boolean dryRun, boolean allowDataLoss) {
		this(dryRun, allowDataLoss, false);
	}

	/** A dry run. */
	public static RunOptions dryRunOnly() {
		return new RunOptions(true, false, false);
	}

	/** These options, as a dry run. */
	public RunOptions withDryRun(boolean value) {
		return new RunOptions(value, this.allowDataLoss, this.allowEmptyDown);
	}

	/** These options, allowing data loss. */
	public RunOptions withAllowDataLoss(boolean value) {
		return new RunOptions(this.dryRun, value, this.allowEmptyDown);
	}

	/** These options, allowing a rollback through empty or comment-only downs. */
	public RunOptions withAllowEmptyDown(boolean value) {
		return new RunOptions(this.dryRun, this.allowDataLoss, value);
	}

}
