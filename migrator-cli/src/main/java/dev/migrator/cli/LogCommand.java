package dev.migrator.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Table;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code log [--version V] [--failed] [--limit N]}: the attempt log, newest first. Reads only. */
@Command(name = "log", description = "The attempt log, newest first: every migrate, rollback, repair, baseline and restore,"
		+ " with its result, error, who, when and how long.")
final class LogCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Option(names = "--version", paramLabel = "VERSION", description = "Only the entries of this migration.")
	private String version;

	@Option(names = "--failed", description = "Only the attempts that failed.")
	private boolean failed;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N entries (default ${DEFAULT-VALUE}).")
	private int limit;

	@Override
	public Integer call() {
		if (this.limit < 1) {
			throw new BadInputException("--limit " + this.limit + ": give 1 or more");
		}
		MigrationVersion wanted = VersionArgument.parse(this.version, "--version");
		Migrator migrator = this.cli.connect(false);
		// a filter reads the whole log, so --limit counts the entries that match, not the rows read
		boolean filtered = wanted != null || this.failed;
		List<LogRecord> entries = migrator.log(filtered ? Integer.MAX_VALUE : this.limit)
			.stream()
			.filter((entry) -> wanted == null || (entry.version() != null && wanted.equals(parsed(entry.version()))))
			.filter((entry) -> !this.failed || !entry.success())
			.limit(this.limit)
			.toList();
		Terminal terminal = this.cli.terminal();
		if (terminal.json()) {
			terminal.json(this.cli.document("log").put("entries", entries.stream().map(LogCommand::json).toList()));
		}
		else if (entries.isEmpty()) {
			terminal.report("No " + (this.failed ? "failed " : "") + "entries in the log"
					+ ((wanted != null) ? " for version " + wanted : "") + ".");
		}
		else {
			print(terminal, entries);
		}
		return ExitCode.OK.code();
	}

	private static MigrationVersion parsed(String version) {
		try {
			return MigrationVersion.parse(version);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void print(Terminal terminal, List<LogRecord> entries) {
		Table table = new Table("WHEN", "ACTION", "VERSION", "RESULT", "DURATION", "BY");
		table.style(3, (text) -> text.startsWith("ok") ? terminal.green(text) : terminal.red(text));
		for (LogRecord entry : entries) {
			table.row(Formats.dateTime(entry.performedAt()), entry.action(), entry.version(), entry.success() ? "ok" : "FAILED",
					Formats.millis(entry.executionTimeMs()), entry.performedBy());
		}
		List<String> lines = table.lines(terminal);
		terminal.report(lines.get(0));
		for (int i = 0; i < entries.size(); i++) {
			terminal.report(lines.get(i + 1));
			String error = entries.get(i).error();
			if (error != null && !error.isBlank()) {
				// the error under its entry, indented, so a failure reads without the JSON
				error.lines().forEach((line) -> terminal.report("      " + terminal.red(line)));
			}
		}
	}

	/** The last error in the log for a migration, or null: what status and validate show for a failed one. */
	static String lastError(List<LogRecord> log, MigrationVersion version) {
		return log.stream()
			.filter((entry) -> !entry.success() && entry.version() != null && version.equals(parsed(entry.version())))
			.map(LogRecord::error)
			.filter((error) -> error != null && !error.isBlank())
			.findFirst()
			.orElse(null);
	}

	static JsonObject json(LogRecord entry) {
		return new JsonObject().put("action", entry.action())
			.put("version", entry.version())
			.put("description", entry.description())
			.put("success", entry.success())
			.put("error", entry.error())
			.put("performedBy", entry.performedBy())
			.put("performedAt", ResultJson.instant(entry.performedAt()))
			.put("durationMs", entry.executionTimeMs());
	}

}
