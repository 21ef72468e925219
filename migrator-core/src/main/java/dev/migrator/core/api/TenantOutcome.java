package dev.migrator.core.api;

/** How one tenant's run ended. */
public enum TenantOutcome {

	/** Pending migrations were applied (or, in a dry run, would be). */
	MIGRATED,

	/** Nothing was pending: checked, nothing changed. */
	UP_TO_DATE,

	/** The run failed; the tenant's database is as a failed single migrate leaves it. */
	FAILED,

	/** Never started, because another tenant failed first and the policy is fail-fast: untouched. */
	NOT_STARTED

}
