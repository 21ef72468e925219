package dev.migrator.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.Table;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.api.BackupInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code backups}: the database's backups, newest first. Reads only. */
@Command(name = "backups", description = "Lists the database's backups, newest first, each checked against its checksum.")
final class BackupsCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Override
	public Integer call() {
		List<BackupInfo> backups = this.cli.connect(false).backups();
		Terminal terminal = this.cli.terminal();
		if (terminal.json()) {
			terminal.json(this.cli.document("backups").put("backups", ResultJson.backups(backups)));
		}
		else if (backups.isEmpty()) {
			terminal.report("No backups yet: one is taken before every run that changes the database.");
		}
		else {
			table(terminal, backups).print(terminal);
		}
		return ExitCode.OK.code();
	}

	static Table table(Terminal terminal, List<BackupInfo> backups) {
		Table table = new Table("ID", "DATE", "VERSION", "SIZE", "VERIFIED");
		table.style(4, (text) -> text.startsWith("yes") ? terminal.green(text) : terminal.red(text));
		for (BackupInfo backup : backups) {
			table.row(backup.id(), Formats.dateTime(backup.created()), backup.version(), Formats.size(backup.size()),
					backup.verified() ? "yes" : "NO: checksum differs, will not restore");
		}
		return table;
	}

}
