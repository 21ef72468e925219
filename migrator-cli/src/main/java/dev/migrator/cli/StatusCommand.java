package dev.migrator.cli;

import java.util.concurrent.Callable;

import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code status}: the dashboard, from the engine's {@code dashboard()} ({@link StatusReport}). Reads only. */
@Command(name = "status", description = "The dashboard: overview, history, timeline, statistics, failed attempts,"
		+ " the rollback plan with data loss and estimated times, backups.")
final class StatusCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Option(names = "--log-limit", paramLabel = "N", defaultValue = "100", hidden = true,
			description = "Accepted for older scripts; the figures now cover the whole log.")
	private int logLimit;

	@Override
	public Integer call() {
		if (this.logLimit < 1) {
			throw new BadInputException("--log-limit " + this.logLimit + ": give 1 or more");
		}
		TenantsCommands tenants = this.cli.tenants();
		if (tenants != null) {
			return tenants.status();
		}
		StatusReport report = new StatusReport(this.cli.connect(true).dashboard());
		Terminal terminal = this.cli.terminal();
		if (terminal.json()) {
			terminal.json(report.json(this.cli.document("status"), this.cli.settings().url()));
		}
		else {
			report.print(terminal, this.cli.settings().url());
		}
		return ExitCode.OK.code();
	}

}
