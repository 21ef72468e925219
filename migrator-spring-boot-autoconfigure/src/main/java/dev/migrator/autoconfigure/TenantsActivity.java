package dev.migrator.autoconfigure;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.migrator.core.api.TenantsReport;

/** The last run of the {@link MigratorTenants}: what the endpoint shows per tenant beside its live status. */
public class TenantsActivity {

	private final AtomicReference<LastRun> last = new AtomicReference<>();

	/** Records a finished run of the tenants. */
	public void finished(TenantsReport report) {
		this.last.set(new LastRun(report, Instant.now()));
	}

	/** The last run, if the tenants ran. */
	public Optional<LastRun> lastRun() {
		return Optional.ofNullable(this.last.get());
	}

	/**
	 * A finished run.
	 *
	 * @param report each tenant's outcome
	 * @param at when it ended
	 */
	public record LastRun(TenantsReport report, Instant at) {
	}

}
