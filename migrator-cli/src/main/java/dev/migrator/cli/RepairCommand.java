package dev.migrator.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Terminal;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.RepairResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code repair}: forgets failed entries (undone by hand) and realigns checksums with the code; or,
 * with {@code --mark-applied}, records one failed migration as applied (finished by hand).
 */
@Command(name = "repair", description = "Forgets failed entries (after you undid by hand what they left; migrate then"
		+ " runs them again) and realigns applied checksums and descriptions with the code.")
final class RepairCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Option(names = "--mark-applied", paramLabel = "VERSION", description = "Instead, record the failed or"
			+ " interrupted migration VERSION as applied, after you finished by hand what it left.")
	private String markApplied;

	@Override
	public Integer call() {
		RepairResult result = (this.markApplied != null) ? this.cli.connect(true).markApplied(this.markApplied)
				: this.cli.connect(true).repair();
		Terminal terminal = this.cli.terminal();
		if (!result.markedApplied().isEmpty()) {
			terminal.info("Marked " + versions(result.markedApplied()) + " applied; 'migrator migrate' goes on after it.");
		}
		else if (result.removedFailed().isEmpty() && result.realigned().isEmpty()) {
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
				.put("realigned", result.realigned().stream().map(ResultJson::version).toList())
				.put("markedApplied", result.markedApplied().stream().map(ResultJson::version).toList()));
		}
		return ExitCode.OK.code();
	}

	private static String versions(List<MigrationVersion> versions) {
		return (versions.size() == 1 ? "version " : "versions ")
				+ String.join(", ", versions.stream().map(MigrationVersion::toString).toList());
	}

}
