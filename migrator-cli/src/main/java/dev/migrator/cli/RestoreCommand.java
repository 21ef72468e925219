package dev.migrator.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code restore <id>}, {@code restore --before <time>}, {@code restore --version <v>}: puts a listed
 * backup back, after a backup of the current state.
 */
@Command(name = "restore", description = "Puts a backup back into the database, after a safety backup of the current state.")
final class RestoreCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Parameters(paramLabel = "ID", arity = "0..1", description = "The backup's id, as 'migrator backups' lists it.")
	private String id;

	@Option(names = "--before", paramLabel = "TIME",
			description = "The newest backup taken before this time: 2026-12-03T10:15:00Z, 2026-12-03 10:15 (UTC) or a date.")
	private String before;

	@Option(names = "--version", paramLabel = "VERSION", description = "The newest backup taken at this version.")
	private String version;

	@Override
	public Integer call() {
		Migrator migrator = this.cli.connect(false);
		// The engine refuses anything but a listed id too; asking first makes a typo bad input (exit 2), not a failure.
		List<BackupInfo> backups = migrator.backups();
		String chosen = BackupChoice.choose(backups, this.id, this.before, this.version);
		RestoreResult result = migrator.restore(chosen);
		Terminal terminal = this.cli.terminal();
		terminal.info(terminal.green("Restored") + " backup " + result.restored().id() + "; "
				+ ((result.currentVersion() != null) ? "the database is at version " + result.currentVersion() + "."
						: "its version could not be read ('migrator status' shows it)."));
		result.warnings().forEach(terminal::warn);
		terminal.info("The state before the restore is in backup " + result.safetyBackup().id()
				+ " ('migrator restore " + result.safetyBackup().id() + "' undoes this).");
		if (terminal.json()) {
			JsonObject document = this.cli.document("restore")
				.put("restored", ResultJson.backup(result.restored()))
				.put("safetyBackup", ResultJson.backup(result.safetyBackup()))
				.put("currentVersion", ResultJson.version(result.currentVersion()))
				.put("warnings", result.warnings());
			terminal.json(document);
		}
		return ExitCode.OK.code();
	}

}
