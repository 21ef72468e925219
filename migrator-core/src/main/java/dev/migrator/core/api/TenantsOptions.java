package dev.migrator.core.api;

import java.util.Objects;

/**
 * How many tenants migrate at once, and what a failure does to the others.
 *
 * @param parallelism how many tenants run at once; 0 means {@link #DEFAULT_PARALLELISM} or fewer
 * when there are fewer tenants. Each running tenant holds its connections (two on a server database:
 * the lock has its own), so keep it within the pools behind the tenants' DataSources
 * @param onFailure whether a failure stops new tenants from starting
 */
public record TenantsOptions(int parallelism, FailurePolicy onFailure) {

	/** The most tenants that run at once by default. */
	public static final int DEFAULT_PARALLELISM = 4;

	/** Up to four at once; the first failure stops the tenants not yet started. */
	public static final TenantsOptions DEFAULT = new TenantsOptions(0, FailurePolicy.FAIL_FAST);

	public TenantsOptions {
		if (parallelism < 0) {
			throw new MigratorException("Tenant parallelism must be 1 or more (or 0 for the default, min("
					+ DEFAULT_PARALLELISM + ", tenants)), not " + parallelism);
		}
		Objects.requireNonNull(onFailure, "onFailure");
	}

	/** These options with another parallelism (0: the default). */
	public TenantsOptions withParallelism(int value) {
		return new TenantsOptions(value, this.onFailure);
	}

	/** These options with another failure policy. */
	public TenantsOptions withOnFailure(FailurePolicy value) {
		return new TenantsOptions(this.parallelism, value);
	}

	/** How many run at once for this many tenants. */
	public int parallelismFor(int tenants) {
		int wanted = (this.parallelism > 0) ? this.parallelism : DEFAULT_PARALLELISM;
		return Math.max(1, Math.min(wanted, tenants));
	}

	/** What one tenant's failure does to the others. */
	public enum FailurePolicy {

		/** No tenant starts after the first failure; the running ones finish. */
		FAIL_FAST,

		/** Every tenant runs, whatever the others do. */
		CONTINUE

	}

}
