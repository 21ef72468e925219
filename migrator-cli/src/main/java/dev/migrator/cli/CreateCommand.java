package dev.migrator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code create <name>}: the next-numbered up, down and verify files. Needs no database. */
@Command(name = "create", description = "Writes the next-numbered up, down and verify files into the first migration folder.")
final class CreateCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Parameters(paramLabel = "NAME", arity = "1..*", description = "What the migration does, e.g. add_task_tags.")
	private List<String> name;

	@Override
	public Integer call() {
		Settings settings = this.cli.settings();
		List<Path> folders = settings.folders();
		if (folders.isEmpty()) {
			throw new BadInputException("create writes into a folder, and every location is on the classpath ("
					+ String.join(", ", settings.locations()) + "); give a folder with --locations");
		}
		settings.requireLocations();
		NewMigrationFiles files = NewMigrationFiles.plan(folders, String.join(" ", this.name));
		List<Path> written = files.write();
		Terminal terminal = this.cli.terminal();
		terminal.info(terminal.green("Created") + " migration " + files.version() + " in " + files.folder() + ":");
		written.forEach((file) -> terminal.info("  " + file.getFileName()));
		if (terminal.json()) {
			terminal.json(this.cli.document("create")
				.put("version", files.version())
				.put("description", files.description().replace('_', ' '))
				.put("files", written.stream().map(Path::toString).toList()));
		}
		return ExitCode.OK.code();
	}

}
