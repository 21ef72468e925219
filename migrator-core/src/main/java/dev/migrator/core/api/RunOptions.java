package dev.migrator.core.api;

/**
 * How a migrate or rollback runs.
 *
 * @param dryRun apply to a copy of the database (SQLite) or in a transaction that is rolled back
 * (PostgreSQL) and report, leaving the database untouched
 * @param allowDataLoss let a rollback drop tables or columns that hold data (refused otherwise)
 */
public record RunOptions(boolean dryRun, boolean allowDataLoss) {

	/** A real run that refuses data loss. */
	public static final RunOptions DEFAULT = new RunOptions(false, false);

	/** A dry run. */
	public static RunOptions dryRunOnly() {
		return new RunOptions(true, false);
	}

	/** These options, as a dry run. */
	public RunOptions withDryRun(boolean value) {
		return new RunOptions(value, this.allowDataLoss);
	}

	/** These options, allowing data loss. */
	public RunOptions withAllowDataLoss(boolean value) {
		return new RunOptions(this.dryRun, value);
	}

}
