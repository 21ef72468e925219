package dev.migrator.core.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a migrate of many tenants did, one result per tenant in the order they were given.
 *
 * @param tenants each tenant's result
 * @param options the parallelism and failure policy it ran with
 * @param duration how long the whole run took
 */
public record TenantsReport(List<TenantResult> tenants, TenantsOptions options, Duration duration) {

	public TenantsReport {
		tenants = List.copyOf(tenants);
	}

	/** Whether every tenant ended migrated or up to date. */
	public boolean succeeded() {
		return this.tenants.stream()
			.allMatch((t) -> t.outcome() == TenantOutcome.MIGRATED || t.outcome() == TenantOutcome.UP_TO_DATE);
	}

	/** The tenants whose run failed. */
	public List<TenantResult> failed() {
		return with(TenantOutcome.FAILED);
	}

	/** The tenants that fail-fast kept from starting. */
	public List<TenantResult> notStarted() {
		return with(TenantOutcome.NOT_STARTED);
	}

	/** One tenant's result. */
	public Optional<TenantResult> tenant(String name) {
		return this.tenants.stream().filter((t) -> t.name().equals(name)).findFirst();
	}

	/** One line: "5 tenants: 3 migrated, 1 up to date, 1 failed (beta), 0 not started". */
	public String summary() {
		String failedNames = failed().isEmpty() ? ""
				: failed().stream().map(TenantResult::name).collect(Collectors.joining(", ", " (", ")"));
		return this.tenants.size() + ((this.tenants.size() == 1) ? " tenant: " : " tenants: ")
				+ with(TenantOutcome.MIGRATED).size() + " migrated, " + with(TenantOutcome.UP_TO_DATE).size()
				+ " up to date, " + failed().size() + " failed" + failedNames + ", " + notStarted().size() + " not started";
	}

	private List<TenantResult> with(TenantOutcome outcome) {
		return this.tenants.stream().filter((t) -> t.outcome() == outcome).toList();
	}

}
