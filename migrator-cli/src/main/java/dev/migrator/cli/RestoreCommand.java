package dev.migrator.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code restore <id>}: puts a listed backup back, after a backup of the current state. */
@Command(name = "restore", description = "Puts a backup back into the database, after a safety backup of the current state.")
final class RestoreCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Parameters(paramLabel = "ID", description = "The backup's id, as 'migrator backups' lists it.")
	private String id;

	@Override
	public Integer call() {
		Migrator migrator = this.cli.connect(false);
		// The engine refuses anything but a listed id too; asking first makes a typo bad input (exit 2), not a failure.
		List<BackupInfo> backups = migrator.backups();
		if (backups.stream().noneMatch((backup) -> backup.id().equals(this.id))) {
			throw new BadInputException("No backup of this database has the id '" + this.id + "'"
					+ (backups.isEmpty() ? "; it has no backups yet" : "; 'migrator backups' lists the "
							+ backups.size() + " there are (newest: " + backups.get(0).id() + ")"));
		}
		RestoreResult result = migrator.restore(this.id);
		Terminal terminal = this.cli.terminal();
		terminal.info(terminal.green("Restored") + " backup " + result.restored().id() + "; the database is at version "
				+ result.currentVersion() + ".");
		terminal.info("The state before the restore is in backup " + result.safetyBackup().id()
				+ " ('migrator restore " + result.safetyBackup().id() + "' undoes this).");
		if (terminal.json()) {
			JsonObject document = this.cli.document("restore")
				.put("restored", ResultJson.backup(result.restored()))
				.put("safetyBackup", ResultJson.backup(result.safetyBackup()))
				.put("currentVersion", ResultJson.version(result.currentVersion()));
			terminal.json(document);
		}
		return ExitCode.OK.code();
	}

}
