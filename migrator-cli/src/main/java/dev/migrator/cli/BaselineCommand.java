package dev.migrator.cli;

import java.util.concurrent.Callable;

import dev.migrator.cli.output.Terminal;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code baseline --version V [--description D]}: adopts a database built before Migrator. */
@Command(name = "baseline", description = "Marks a database built before Migrator as being at a version; the"
		+ " migrations up to it are taken as applied.")
final class BaselineCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version the schema is at now.")
	private String version;

	@Option(names = "--description", paramLabel = "TEXT", description = "Why, for the history (default \"baseline\").")
	private String description;

	@Override
	public Integer call() {
		MigrationVersion parsed = VersionArgument.parse(this.version, "--version");
		if (parsed.isEmpty()) {
			throw new BadInputException("--version " + this.version + ": version 0 means an empty database; give the"
					+ " version the schema is at now, e.g. 1");
		}
		RunResult result = this.cli.connect(true).baseline(this.version.strip(), this.description);
		Terminal terminal = this.cli.terminal();
		terminal.info(terminal.green("Baselined") + " at version " + result.currentVersion() + " ("
				+ result.migrations().get(0).description() + "); migrations up to it count as applied.");
		if (terminal.json()) {
			terminal.json(ResultJson.runResult(this.cli.document("baseline"), result));
		}
		return ExitCode.OK.code();
	}

}
