package dev.migrator.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Table;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pending}: what a migrate would apply. Reads only. */
@Command(name = "pending", description = "Lists the migrations a migrate would apply, in order.")
final class PendingCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Override
	public Integer call() {
		InfoResult info = this.cli.connect(true).status();
		List<MigrationInfo> pending = info.pending();
		Terminal terminal = this.cli.terminal();
		if (terminal.json()) {
			terminal.json(this.cli.document("pending")
				.put("currentVersion", ResultJson.version(info.currentVersion()))
				.put("pending", pending.stream().map(PendingCommand::json).toList())
				.put("problems", info.problems())
				.put("warnings", info.warnings()));
			return ExitCode.OK.code();
		}
		if (pending.isEmpty()) {
			terminal.report("Nothing pending: the schema is at version " + info.currentVersion() + ".");
		}
		else {
			terminal.report(pending.size() + " pending (current version " + info.currentVersion() + "):");
			Table table = new Table("VERSION", "NAME", "TYPE", "SCRIPT");
			pending.forEach((m) -> table.row(m.version().toString(), m.description(), ResultJson.name(m.type())
					+ (StatusReport.CHANGED_REPEATABLE.equals(StatusReport.stateText(m)) ? " (" + StatusReport.CHANGED_REPEATABLE
							+ ")" : ""), Formats.script(m.script())));
			table.print(terminal);
		}
		if (!info.problems().isEmpty()) {
			terminal.warn("migrate would refuse to run: " + String.join("; ", info.problems()));
		}
		info.warnings().forEach(terminal::warn);
		return ExitCode.OK.code();
	}

	private static JsonObject json(MigrationInfo migration) {
		return new JsonObject().put("version", ResultJson.version(migration.version()))
			.put("description", migration.description())
			.put("type", ResultJson.name(migration.type()))
			.put("script", migration.script())
			.put("state", ResultJson.name(migration.state()));
	}

}
