package dev.migrator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Table;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.TenantMigrators;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.TenantResult;
import dev.migrator.core.api.TenantStatus;
import dev.migrator.core.api.TenantsOptions;
import dev.migrator.core.api.TenantsReport;

/** {@code migrate} and {@code status} over the tenants of a {@code --tenants} file: one line per tenant. */
final class TenantsCommands {

	private final MigratorCommandLine cli;

	private final Path file;

	TenantsCommands(MigratorCommandLine cli, Path file) {
		this.cli = cli;
		this.file = file;
	}

	private TenantMigrators tenants() {
		Settings settings = this.cli.settings();
		settings.requireLocations();
		if (settings.url() != null) {
			throw new BadInputException("Give either --url (one database) or --tenants (many), not both");
		}
		return settings.tenants(TenantsFile.read(this.file));
	}

	int migrate(String target, boolean dryRun, TenantsOptions options) {
		Terminal terminal = this.cli.terminal();
		VersionArgument.parse(target, "--target");
		TenantMigrators tenants = tenants();
		terminal.info((dryRun ? "Dry run of " : "Migrating ") + tenants.names().size() + " tenants from " + this.file + ", "
				+ options.parallelismFor(tenants.names().size()) + " at once ("
				+ options.onFailure().name().toLowerCase(Locale.ROOT).replace('_', '-') + "):");
		TenantsReport report = tenants.migrate(target, new RunOptions(dryRun, false), options);
		Table table = new Table("TENANT", "OUTCOME", "VERSION", "APPLIED", "TIME");
		for (TenantResult tenant : report.tenants()) {
			table.row(tenant.name(), outcome(tenant),
					(tenant.result() != null) ? String.valueOf(tenant.result().currentVersion()) : "",
					tenant.applied().stream().map(String::valueOf).collect(Collectors.joining(", ")),
					(tenant.outcome() == dev.migrator.core.api.TenantOutcome.NOT_STARTED) ? ""
							: Formats.millis(tenant.duration().toMillis()));
		}
		if (!terminal.json()) {
			table.print(terminal);
			report.failed().forEach((tenant) -> terminal.error(tenant.name() + ": " + tenant.error()));
			terminal.report(report.summary() + " in " + Formats.millis(report.duration().toMillis()) + ".");
		}
		int exit = report.succeeded() ? ExitCode.OK.code() : ExitCode.FAILED.code();
		if (terminal.json()) {
			JsonObject document = this.cli.document("migrate").put("tenants", report.tenants().stream().map((tenant) -> new JsonObject()
				.put("name", tenant.name())
				.put("outcome", tenant.outcome().name().toLowerCase(Locale.ROOT))
				.put("currentVersion", (tenant.result() != null) ? String.valueOf(tenant.result().currentVersion()) : null)
				.put("applied", tenant.applied().stream().map(String::valueOf).toList())
				.put("error", tenant.error())).toList());
			if (exit != 0) {
				document.put("exitCode", exit).put("error", new JsonObject().put("type", ExitCode.FAILED.errorType())
					.put("message", report.summary()));
			}
			terminal.json(document);
		}
		return exit;
	}

	int status() {
		Terminal terminal = this.cli.terminal();
		List<TenantStatus> statuses = tenants().status();
		Table table = new Table("TENANT", "VERSION", "PENDING", "STATE");
		for (TenantStatus tenant : statuses) {
			if (tenant.failure() != null) {
				table.row(tenant.name(), "", "", "cannot read: " + message(tenant.failure()));
			}
			else {
				boolean problems = !tenant.status().problems().isEmpty();
				table.row(tenant.name(), String.valueOf(tenant.status().currentVersion()),
						String.valueOf(tenant.status().pending().size()),
						problems ? String.join("; ", tenant.status().problems())
								: tenant.status().pending().isEmpty() ? "up to date" : "pending");
			}
		}
		if (terminal.json()) {
			terminal.json(this.cli.document("status").put("tenants", statuses.stream().map((tenant) -> new JsonObject()
				.put("name", tenant.name())
				.put("currentVersion", (tenant.status() != null) ? String.valueOf(tenant.status().currentVersion()) : null)
				.put("pending", (tenant.status() != null) ? tenant.status().pending().size() : null)
				.put("problems", (tenant.status() != null) ? tenant.status().problems() : List.of())
				.put("error", (tenant.failure() != null) ? message(tenant.failure()) : null)).toList()));
		}
		else {
			table.print(terminal);
		}
		return ExitCode.OK.code();
	}

	private static String outcome(TenantResult tenant) {
		return switch (tenant.outcome()) {
			case MIGRATED -> "migrated";
			case UP_TO_DATE -> "up to date";
			case FAILED -> "FAILED";
			case NOT_STARTED -> "not started";
		};
	}

	private static String message(RuntimeException failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.toString();
		return (failure instanceof MigratorException) ? message.lines().findFirst().orElse(message) : message;
	}

}
