package dev.migrator.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Terminal;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.RepairResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code repair}: clears failed entries and realigns checksums with the code. */
@Command(name = "repair", description = "Clears failed entries from the history and realigns applied checksums and"
		+ " descriptions with the code.")
final class RepairCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Override
	public Integer call() {
		RepairResult result = this.cli.connect(true).repair();
		Terminal terminal = this.cli.terminal();
		if (result.removedFailed().isEmpty() && result.realigned().isEmpty()) {
			terminal.info("Nothing to repair: no failed entries, every checksum matches the code.");
		}
		if (!result.removedFailed().isEmpty()) {
			terminal.info("Removed the failed entries of " + versions(result.removedFailed())
					+ "; 'migrator migrate' tries them again.");
		}
		if (!result.realigned().isEmpty()) {
			terminal.info("Realigned the checksums and descriptions of " + versions(result.realigned()) + " with the code.");
		}
		if (terminal.json()) {
			terminal.json(this.cli.document("repair")
				.put("removedFailed", result.removedFailed().stream().map(ResultJson::version).toList())
				.put("realigned", result.realigned().stream().map(ResultJson::version).toList()));
		}
		return ExitCode.OK.code();
	}

	private static String versions(List<MigrationVersion> versions) {
		return (versions.size() == 1 ? "version " : "versions ")
				+ String.join(", ", versions.stream().map(MigrationVersion::toString).toList());
	}

}
