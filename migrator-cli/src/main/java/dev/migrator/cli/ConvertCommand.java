package dev.migrator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Terminal;
import dev.migrator.core.MigrationFolder;
import dev.migrator.core.api.FolderConversion;
import dev.migrator.core.api.MigratorException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code convert [--from TOOL] FOLDER [--to FOLDER]}: another tool's migrations rewritten into
 * Migrator's own convention, in a new folder; the old one is only read. Needs no database.
 */
@Command(name = "convert", description = "Rewrites a folder of Flyway, golang-migrate, diesel, dbmate, goose, sql-migrate"
		+ " or Liquibase formatted SQL migrations into Migrator's own convention, in a new folder; the old one is only read.")
final class ConvertCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Option(names = "--from", paramLabel = "TOOL", description = "The folder's convention: flyway, golang-migrate, diesel,"
			+ " dbmate, goose, sql-migrate or liquibase-sql (default: the one its files are in).")
	private String from;

	@Option(names = "--to", paramLabel = "FOLDER",
			description = "The new folder, which must not exist or be empty (default: FOLDER-migrator beside FOLDER).")
	private Path to;

	@Parameters(paramLabel = "FOLDER", description = "The folder of migrations to convert.")
	private Path folder;

	@Override
	public Integer call() {
		Path target = (this.to != null) ? this.to : relative(MigrationFolder.defaultTarget(this.folder));
		FolderConversion conversion;
		try {
			conversion = MigrationFolder.convert(this.folder, this.from, target);
		}
		catch (MigratorException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("The converted folder does not read the same")) {
				throw ex;
			}
			// the folders or the option are not right: nothing was written
			throw new BadInputException(ex.getMessage(), ex);
		}
		Terminal terminal = this.cli.terminal();
		if (!terminal.json()) {
			// the command's report: --quiet keeps it, and leaves the notes out
			terminal.report(terminal.green("Converted") + " " + conversion.migrations() + " " + conversion.convention() + " "
					+ ((conversion.migrations() == 1) ? "migration" : "migrations") + " from " + this.folder + " into "
					+ target + ": " + conversion.downs() + ((conversion.downs() == 1) ? " down" : " downs") + ", "
					+ conversion.emptyDowns() + " of them empty; read back with the same versions, descriptions, SQL,"
					+ " transactions and downs.");
		}
		conversion.notes().forEach((note) -> terminal.info("  note: " + note));
		if (terminal.json()) {
			terminal.json(this.cli.document("convert")
				.put("convention", conversion.convention())
				.put("from", this.folder.toString())
				.put("to", target.toString())
				.put("migrations", conversion.migrations())
				.put("downs", conversion.downs())
				.put("emptyDowns", conversion.emptyDowns())
				.put("checksumsChanged", conversion.checksumsChanged())
				.put("notes", conversion.notes())
				.put("files", conversion.files().stream().map(Path::toString).toList()));
		}
		return ExitCode.OK.code();
	}

	/** The default target as the user would write it: relative to the working directory when below it. */
	private static Path relative(Path target) {
		Path here = Path.of("").toAbsolutePath();
		return target.startsWith(here) ? here.relativize(target) : target;
	}

}
