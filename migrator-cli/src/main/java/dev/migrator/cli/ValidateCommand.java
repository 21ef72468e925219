package dev.migrator.cli;

import java.util.concurrent.Callable;


import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.api.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code validate}: whether the code and the history agree. Reads only; exit code 5 when not. */
@Command(name = "validate", description = "Checks the migrations against the history (changed, missing, out-of-order,"
		+ " failed) and that pending scripts parse; exit code 5 lists every problem.")
final class ValidateCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Override
	public Integer call() {
		Migrator migrator = this.cli.connect(true);
		ValidateResult result;
		try {
			result = migrator.validate();
		}
		catch (ValidationException ex) {
			// "the error is in the log" is no help at 3 a.m.: show it
			this.cli.failedMigrations(StatusReport.failures(migrator.info(), migrator.log(100)));
			throw ex;
		}
		Terminal terminal = this.cli.terminal();
		result.warnings().forEach(terminal::warn);
		terminal.info(terminal.green("Valid") + ": " + result.migrationsChecked() + " migration"
				+ (result.migrationsChecked() == 1 ? "" : "s") + " checked; the code and the history agree.");
		if (terminal.json()) {
			terminal.json(this.cli.document("validate")
				.put("valid", true)
				.put("migrationsChecked", result.migrationsChecked())
				.put("warnings", result.warnings()));
		}
		return ExitCode.OK.code();
	}

}
