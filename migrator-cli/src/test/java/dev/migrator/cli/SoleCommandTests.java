package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.migrator.cli.output.SecretMask;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The CLI builds only the command it runs when the arguments name it for certain: whatever the
 * arguments, the command line it builds parses them exactly as the one with every command does.
 */
class SoleCommandTests {

	private static final List<List<String>> ARGUMENTS = List.of(List.of("migrate"),
			List.of("migrate", "--url", "jdbc:sqlite:app.db", "--target", "002"),
			List.of("--url", "jdbc:sqlite:app.db", "status", "--json"), List.of("--url=jdbc:sqlite:x", "rollback", "-n", "2"),
			// an option's value that is also a command's name: the full model decides which is which
			List.of("--table", "migrate", "status"), List.of("--json", "validate"),
			List.of("create", "status"), List.of("restore", "--version", "002"), List.of("-vv", "log"),
			List.of("help", "migrate"), List.of("completion"), List.of("statsu"), List.of("--", "status"), List.of());

	@Test
	void theCommandNamedFirstIsTheSoleCommandUnlessAnOptionBeforeItMayTakeItAsItsValue() {
		assertThat(MigratorCommandLine.soleCommand(args("migrate", "--url", "x"))).isEqualTo(MigrateCommand.class);
		assertThat(MigratorCommandLine.soleCommand(args("--url", "x", "status"))).isEqualTo(StatusCommand.class);
		assertThat(MigratorCommandLine.soleCommand(args("--url=x", "rollback"))).isEqualTo(RollbackCommand.class);
		assertThat(MigratorCommandLine.soleCommand(args("create", "status"))).isEqualTo(CreateCommand.class);
		assertThat(MigratorCommandLine.soleCommand(args("--table", "migrate", "status"))).isNull();
		assertThat(MigratorCommandLine.soleCommand(args("help", "migrate"))).isNull();
		assertThat(MigratorCommandLine.soleCommand(args("completion"))).as("it lists every command").isNull();
		assertThat(MigratorCommandLine.soleCommand(args("statsu"))).as("suggestions name every command").isNull();
		assertThat(MigratorCommandLine.soleCommand(args("--", "status"))).isNull();
		assertThat(MigratorCommandLine.soleCommand(args())).isNull();
	}

	@Test
	void whateverTheArgumentsTheBuiltCommandLineParsesThemAsTheOneWithEveryCommand() {
		for (List<String> arguments : ARGUMENTS) {
			String[] args = arguments.toArray(String[]::new);
			CommandLine every = MigratorCommandLine.commandLine(cli(), args());
			CommandLine built = MigratorCommandLine.commandLine(cli(), args);
			assertThat(every.getSubcommands()).hasSize(MigratorCommandLine.COMMANDS.size() + 1);
			assertThat(parsed(built, args)).as(String.join(" ", arguments)).isEqualTo(parsed(every, args));
		}
	}

	@Test
	void theSoleCommandAnswersHelpAsItDoesAmongTheOthers() {
		CommandLine every = MigratorCommandLine.commandLine(cli(), args());
		CommandLine built = MigratorCommandLine.commandLine(cli(), args("migrate", "--help"));
		assertThat(built.getSubcommands()).containsOnlyKeys("migrate");
		assertThat(built.getSubcommands().get("migrate").getUsageMessage())
			.isEqualTo(every.getSubcommands().get("migrate").getUsageMessage());
	}

	/** What picocli made of the arguments: the commands matched and each one's options and values, or the error. */
	private static String parsed(CommandLine commandLine, String[] args) {
		try {
			StringBuilder text = new StringBuilder();
			for (ParseResult result = commandLine.parseArgs(args); result != null; result = result.subcommand()) {
				text.append(result.commandSpec().name()).append(' ');
				result.matchedOptions()
					.forEach((option) -> text.append(option.longestName()).append('=').append(option.stringValues()).append(' '));
				result.matchedPositionals().forEach((positional) -> text.append(positional.stringValues()).append(' '));
			}
			return text.toString();
		}
		catch (CommandLine.ParameterException ex) {
			return "error: " + ex.getMessage().replaceAll("Did you mean.*", "");
		}
	}

	private static MigratorCommandLine cli() {
		PrintStream sink = new PrintStream(new ByteArrayOutputStream());
		return new MigratorCommandLine(new SecretMask(), Map.of(), sink, sink, sink);
	}

	private static String[] args(String... args) {
		return args;
	}

}
