package dev.migrator.autoconfigure.actuate.endpoint;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.migrator.autoconfigure.TenantsActivity;
import dev.migrator.core.TenantMigrators;
import dev.migrator.core.api.TenantOutcome;
import dev.migrator.core.api.TenantResult;
import dev.migrator.core.api.TenantStatus;

/**
 * One tenant of the {@code MigratorTenants} in the endpoint's answer: how its last run ended, and where it
 * stands now (read when asked).
 *
 * @param name the tenant
 * @param lastRun how its last run ended; null when the tenants have not run in this application
 * @param applied the versions that run applied
 * @param error why that run failed, if it did
 * @param currentVersion its version now; null when it cannot be read
 * @param pending how many migrations are pending now; null when it cannot be read
 * @param statusError why its state cannot be read, if it cannot
 */
public record TenantDescriptor(String name, TenantOutcome lastRun, List<String> applied, String error,
		String currentVersion, Integer pending, String statusError) {

	static List<TenantDescriptor> of(TenantMigrators migrators, TenantsActivity activity) {
		Map<String, TenantResult> last = activity.lastRun()
			.map((run) -> run.report().tenants().stream().collect(Collectors.toMap(TenantResult::name, Function.identity())))
			.orElse(Map.of());
		return migrators.status().stream().map((status) -> of(status, last.get(status.name()))).toList();
	}

	private static TenantDescriptor of(TenantStatus now, TenantResult last) {
		return new TenantDescriptor(now.name(), (last != null) ? last.outcome() : null,
				(last != null) ? last.applied().stream().map(String::valueOf).toList() : List.of(),
				(last != null) ? last.error() : null,
				(now.status() != null) ? now.status().currentVersion().toString() : null,
				(now.status() != null) ? now.status().pending().size() : null,
				(now.failure() != null) ? now.failure().getMessage() : null);
	}

	/** Without the engine's texts, for a caller to whom {@code show-values} does not show them. */
	TenantDescriptor redacted() {
		return new TenantDescriptor(this.name, this.lastRun, this.applied, (this.error != null) ? Redaction.HIDDEN : null,
				this.currentVersion, this.pending, (this.statusError != null) ? Redaction.HIDDEN : null);
	}

}
