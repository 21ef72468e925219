package dev.migrator.cli;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.RunProgress;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rollback [--steps N | --to V] [--dry-run] [--allow-data-loss] [--allow-empty-down]}. */
@Command(name = "rollback", description = "Runs the downs of the newest migrations, newest first, after a verified backup;"
		+ " refused when a down would drop data, unless --allow-data-loss.")
final class RollbackCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@ArgGroup(exclusive = true)
	private Range range;

	@Option(names = "--dry-run", description = "Run the downs on a throwaway copy and report; the database is not changed.")
	private boolean dryRun;

	@Option(names = "--allow-data-loss", description = "Go ahead even when the downs drop tables or columns holding data.")
	private boolean allowDataLoss;

	@Option(names = "--allow-empty-down", description = "Go ahead through downs that are empty or only comments (\"nothing to undo\"): their migrations are marked rolled back while their changes stay.")
	private boolean allowEmptyDown;

	/** How far back. */
	static final class Range {

		@Option(names = "--steps", paramLabel = "N", description = "Roll back the newest N migrations (default 1).")
		private Integer steps;

		@Option(names = "--to", paramLabel = "VERSION", description = "Roll back every migration above VERSION (0: all).")
		private String to;

	}

	@Override
	public Integer call() {
		Terminal terminal = this.cli.terminal();
		Integer steps = (this.range != null) ? this.range.steps : null;
		String to = (this.range != null) ? this.range.to : null;
		MigrationVersion toVersion = VersionArgument.parse(to, "--to");
		if (steps != null && steps < 1) {
			throw new BadInputException("--steps " + steps + ": give 1 or more");
		}
		InfoResult before = this.cli.connect(true).status();
		List<MigrationInfo> newestFirst = before.applied()
			.stream()
			.sorted(Comparator.comparing(MigrationInfo::version).reversed())
			.toList();
		List<MigrationInfo> planned = (toVersion != null)
				? newestFirst.stream().filter((m) -> m.version().compareTo(toVersion) > 0).toList()
				: newestFirst.stream().limit((steps != null) ? steps : 1).toList();
		RunProgress progress = new RunProgress(terminal,
				planned.stream().map((m) -> VersionArgument.label(m.version(), m.description())).toList(), "rolled back",
				"would roll back");
		Migrator migrator = this.cli.settings().migrator(progress);
		RunOptions options = new RunOptions(this.dryRun, this.allowDataLoss, this.allowEmptyDown);
		if (!planned.isEmpty()) {
			terminal.info((this.dryRun ? "Dry run on a copy of " : "Rolling back ") + this.cli.settings().url()
					+ " from version " + before.currentVersion() + ": " + planned.size() + " to roll back");
		}
		RunResult result;
		try {
			result = (toVersion != null) ? migrator.rollbackTo(to.strip(), options)
					: migrator.rollback((steps != null) ? steps : 1, options);
		}
		finally {
			progress.close();
		}
		result.warnings().forEach(terminal::warn);
		int exit = report(terminal, result, before.applied());
		if (terminal.json()) {
			JsonObject document = ResultJson.runResult(this.cli.document("rollback"), result);
			if (exit != 0) {
				document.put("exitCode", exit).put("error", MigrateCommand.dryRunError(result.failure()));
			}
			terminal.json(document);
		}
		return exit;
	}

	private int report(Terminal terminal, RunResult result, List<MigrationInfo> applied) {
		if (!result.succeeded()) {
			terminal.error(MigrateCommand.failureMessage(result.failure()));
			terminal.hint("fix the down script and run the dry run again");
			return ExitCode.FAILED.code();
		}
		if (result.isEmpty()) {
			terminal.info("Nothing to roll back at version " + result.currentVersion() + ".");
			return ExitCode.OK.code();
		}
		long millis = result.migrations().stream().mapToLong((m) -> m.duration().toMillis()).sum();
		String what = MigrateCommand.count(result.migrations());
		if (result.dryRun()) {
			terminal.info("Dry run: " + what + " would roll back, from version " + result.previousVersion() + " to "
					+ result.currentVersion() + " (" + Formats.millis(millis) + "); the database was not changed.");
		}
		else {
			terminal.info(terminal.green("Rolled back") + " from version " + result.previousVersion() + " to "
					+ result.currentVersion() + ": " + what + " in " + Formats.millis(millis) + ".");
		}
		List<DataLoss> losses = result.dataLoss().stream().filter(DataLoss::losesData).toList();
		if (!losses.isEmpty()) {
			terminal.info((result.dryRun() ? "Data the downs would remove:" : "Data removed (allowed with --allow-data-loss):"));
			losses.forEach((loss) -> terminal.info("  " + loss.describe(versionBelow(applied, loss.version()))));
		}
		if (result.backup() != null) {
			terminal.info("Backup taken before the run: " + result.backup().id()
					+ (result.backup().verified() ? " (verified)" : ""));
		}
		return ExitCode.OK.code();
	}

	/** The applied version just below {@code version}: what rolling {@code version} back leads to. */
	static MigrationVersion versionBelow(List<MigrationInfo> applied, MigrationVersion version) {
		return applied.stream()
			.map(MigrationInfo::version)
			.filter((v) -> v.compareTo(version) < 0)
			.max(Comparator.naturalOrder())
			.orElse(MigrationVersion.EMPTY);
	}

}
