package dev.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.migrator.core.TenantMigrators;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.TenantResult;
import dev.migrator.core.api.TenantStatus;
import dev.migrator.core.api.TenantsOptions;
import dev.migrator.core.api.TenantsReport;

/**
 * The {@link MigratorTenants}' part of a start-up run: migrated (or validated) after the application's own
 * database, as {@code migrator.tenants.*} says, one line per tenant in the log.
 */
final class TenantsRun {

	private static final Log logger = LogFactory.getLog(TenantsRun.class);

	private final TenantMigrators migrators;

	private final MigratorProperties.Tenants properties;

	private final TenantsActivity activity;

	TenantsRun(TenantMigrators migrators, MigratorProperties.Tenants properties, TenantsActivity activity) {
		this.migrators = migrators;
		this.properties = properties;
		this.activity = activity;
	}

	/** Migrates every tenant; the failure to handle as the application's own, or null when all went well. */
	RuntimeException migrate(String target, RunOptions options) {
		TenantsOptions tenantsOptions = new TenantsOptions(this.properties.getParallelism(),
				this.properties.getFailurePolicy());
		TenantsReport report = this.migrators.migrate(target, options, tenantsOptions);
		this.activity.finished(report);
		StringBuilder lines = new StringBuilder((options.dryRun() ? "Dry run of the tenants" : "Tenants") + " ("
				+ tenantsOptions.parallelismFor(report.tenants().size()) + " at once, migrator.tenants.failure-policy="
				+ policy(tenantsOptions) + "): " + report.summary());
		for (TenantResult tenant : report.tenants()) {
			lines.append(System.lineSeparator()).append("  ").append(tenant.name()).append(": ").append(line(tenant));
		}
		if (report.succeeded()) {
			logger.info(lines);
			return null;
		}
		logger.error(lines);
		return new TenantsFailedException(report);
	}

	/** Whether every tenant is current, changing nothing; the problem, or null when they all are. */
	RuntimeException validate() {
		List<String> notCurrent = new ArrayList<>();
		for (TenantStatus tenant : this.migrators.status()) {
			if (tenant.failure() != null) {
				notCurrent.add(tenant.name() + ": " + tenant.failure().getMessage());
			}
			else if (!tenant.status().pending().isEmpty() || !tenant.status().problems().isEmpty()) {
				notCurrent.add(tenant.name() + " at version " + tenant.status().currentVersion() + ", "
						+ tenant.status().pending().size() + " pending"
						+ (tenant.status().problems().isEmpty() ? "" : "; " + String.join("; ", tenant.status().problems())));
			}
		}
		if (notCurrent.isEmpty()) {
			logger.info("Every tenant is current (" + this.migrators.names().size() + "); nothing was changed");
			return null;
		}
		return new IllegalStateException(notCurrent.size() + " tenant" + ((notCurrent.size() == 1) ? " is" : "s are")
				+ " not current: " + String.join("; ", notCurrent));
	}

	private static String line(TenantResult tenant) {
		return switch (tenant.outcome()) {
			case MIGRATED -> "migrated from version " + tenant.result().previousVersion() + " to "
					+ tenant.result().currentVersion() + " (" + tenant.applied().stream().map(String::valueOf)
						.collect(Collectors.joining(", ")) + ") in " + tenant.duration().toMillis() + " ms";
			case UP_TO_DATE -> "up to date at version " + tenant.result().currentVersion();
			case FAILED -> "FAILED: " + tenant.error();
			case NOT_STARTED -> "not started (another tenant failed first; fail-fast)";
		};
	}

	private static String policy(TenantsOptions options) {
		return options.onFailure().name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Some tenants failed or were not started; the report says which and why. */
	static final class TenantsFailedException extends RuntimeException {

		private final TenantsReport report;

		TenantsFailedException(TenantsReport report) {
			super("Migrating the tenants failed: " + report.summary() + ". " + report.failed()
				.stream()
				.map((tenant) -> tenant.name() + ": " + tenant.error())
				.collect(Collectors.joining(" ")));
			this.report = report;
		}

		TenantsReport report() {
			return this.report;
		}

	}

}
