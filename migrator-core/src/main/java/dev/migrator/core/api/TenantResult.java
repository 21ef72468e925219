package dev.migrator.core.api;

import java.time.Duration;
import java.util.List;

/**
 * One tenant's part of a {@link TenantsReport}.
 *
 * @param name the tenant
 * @param outcome how its run ended
 * @param result what its migrate did; null when it failed (a dry run's failure excepted) or did not start
 * @param failure why it failed; null otherwise, and for a dry run's failure, which {@code result} carries
 * @param duration how long its run took; zero when it did not start
 */
public record TenantResult(String name, TenantOutcome outcome, RunResult result, RuntimeException failure,
		Duration duration) {

	/** A tenant that was never started. */
	public static TenantResult notStarted(String name) {
		return new TenantResult(name, TenantOutcome.NOT_STARTED, null, null, Duration.ZERO);
	}

	/** The versions applied (or a dry run would apply), in order; empty when none. */
	public List<MigrationVersion> applied() {
		return (this.result != null) ? this.result.migrations().stream().map(MigrationRun::version).toList() : List.of();
	}

	/** What went wrong, in the engine's words; null when nothing did. */
	public String error() {
		if (this.failure != null) {
			return (this.failure.getMessage() != null) ? this.failure.getMessage() : this.failure.toString();
		}
		if (this.result != null && this.result.failure() != null) {
			MigrationFailure failure = this.result.failure();
			return "Migration " + failure.version() + " would fail at " + failure.script()
					+ ((failure.line() > 0) ? ":" + failure.line() : "") + ": " + failure.message();
		}
		return null;
	}

}
