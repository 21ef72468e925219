package dev.migrator.cli;

import java.util.concurrent.Callable;

import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code verify}: tries each pending migration's down before it is needed; the database is not changed. */
@Command(name = "verify", description = "Tries each pending migration's up, down and up again on a copy (SQLite) or in a"
		+ " rolled-back transaction (PostgreSQL), and checks the down restores the schema.")
final class VerifyCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Override
	public Integer call() {
		Terminal terminal = this.cli.terminal();
		DownChecks checks = new DownChecks(this.cli.connect(true).verifyDowns(), this.cli.settings().requireDown());
		checks.print(terminal);
		String problem = checks.problem();
		if (problem == null) {
			terminal.info("Every checked down restores the schema; the database was not changed.");
		}
		else {
			terminal.error(problem);
			terminal.hint("fix the down scripts, then 'migrator verify' again");
		}
		int exit = (problem == null) ? ExitCode.OK.code() : ExitCode.FAILED.code();
		if (terminal.json()) {
			JsonObject document = this.cli.document("verify").put("checks", checks.json());
			if (problem != null) {
				document.put("exitCode", exit)
					.put("error", new JsonObject().put("type", ExitCode.FAILED.errorType()).put("message", problem));
			}
			terminal.json(document);
		}
		return exit;
	}

}
