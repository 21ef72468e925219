package dev.migrator.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code completion}: prints the bash completion script picocli generates from the commands and
 * options themselves, so it cannot fall behind them; zsh runs it through {@code bashcompinit}.
 */
@Command(name = "completion", description = "Prints the shell completion script for bash and zsh:"
		+ " source <(migrator completion)  (zsh: autoload -U +X bashcompinit && bashcompinit first).")
final class CompletionCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		CommandLine root = this.spec.root().commandLine();
		root.getOut().print(AutoComplete.bash(root.getCommandName(), root));
		root.getOut().flush();
		return ExitCode.OK.code();
	}

}
