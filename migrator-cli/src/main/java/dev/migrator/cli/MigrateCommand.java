package dev.migrator.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.RunProgress;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.DatabaseNotFoundException;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.TenantsOptions;
import dev.migrator.core.api.TenantsOptions.FailurePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code migrate [--target V] [--dry-run]}. */
@Command(name = "migrate", description = "Applies pending migrations, after a verified backup; with --dry-run, on a copy.")
final class MigrateCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Option(names = "--target", paramLabel = "VERSION", description = "Stop after this version (default: all pending).")
	private String target;

	@Option(names = "--dry-run", description = "Apply to a throwaway copy and report; the database is not changed.")
	private boolean dryRun;

	@Option(names = "--tenants-parallelism", paramLabel = "N", defaultValue = "0",
			description = "With --tenants: how many tenants migrate at once (default: min(4, tenants)).")
	private int tenantsParallelism;

	@Option(names = "--tenants-on-failure", paramLabel = "POLICY", defaultValue = "fail-fast",
			description = "With --tenants: fail-fast (start no tenant after a failure; the default) or continue.")
	private String tenantsOnFailure;

	/**
	 * Where the database stands before the run, for the plan; null for a SQLite file that does not exist
	 * yet, which a real migrate creates (status, which only reads, refuses to). A dry run still fails there.
	 */
	private InfoResult statusBefore() {
		try {
			return this.cli.connect(true).status();
		}
		catch (DatabaseNotFoundException ex) {
			if (this.dryRun) {
				throw ex;
			}
			return null;
		}
	}

	@Override
	public Integer call() {
		TenantsCommands tenants = this.cli.tenants();
		if (tenants != null) {
			return tenants.migrate(this.target, this.dryRun, tenantsOptions());
		}
		Terminal terminal = this.cli.terminal();
		MigrationVersion targetVersion = VersionArgument.parse(this.target, "--target");
		if (this.target == null && !this.dryRun) {
			// the start with nothing to do, by migrate's own lock-free check: no status read first to plan
			// progress lines there would be none of (the migrations were read twice before)
			RunProgress progress = new RunProgress(terminal, List.of(), "applied", "would apply");
			Optional<RunResult> upToDate;
			try {
				upToDate = this.cli.connect(true, progress).migrateIfUpToDate();
			}
			finally {
				progress.close();
			}
			if (upToDate.isPresent()) {
				return finish(terminal, upToDate.get());
			}
		}
		InfoResult before = statusBefore();
		List<String> planned = (before == null) ? List.of() : before.pending()
			.stream()
			.filter((m) -> targetVersion == null || m.version().compareTo(targetVersion) <= 0)
			.map((m) -> VersionArgument.label(m.version(), m.description()))
			.toList();
		Settings settings = this.cli.settings();
		if (!this.dryRun && !planned.isEmpty() && (settings.verifyDowns() || settings.requireDown())) {
			DownChecks checks = new DownChecks(this.cli.connect(true).verifyDowns(), settings.requireDown());
			terminal.info("Checking the downs of the pending migrations (up, down, up again; the database is not changed):");
			checks.print(terminal);
			if (checks.problem() != null) {
				throw new DownsDoNotHoldException(checks.problem() + "; nothing was migrated");
			}
		}
		RunProgress progress = new RunProgress(terminal, planned, "applied", "would apply");
		Migrator migrator = this.cli.settings().migrator(progress);
		String adopt = settings.engine().adopt();
		if (before != null && !planned.isEmpty() && holdsAnotherToolsHistory(before)) {
			// the count would be wrong: what the other tool applied is imported, not applied
			if (adopt != null) {
				terminal.info((this.dryRun ? "Dry run on a copy of " : "Migrating ") + settings.url() + ": taking over "
						+ adopt + "'s history first (--adopt " + adopt + "), then applying what it has not applied");
			}
		}
		else if (before != null && !planned.isEmpty()) {
			terminal.info((this.dryRun ? "Dry run on a copy of " : "Migrating ") + this.cli.settings().url()
					+ " from version " + before.currentVersion() + ": " + planned.size() + " to apply");
		}
		RunResult result;
		try {
			result = migrator.migrate(this.target, new RunOptions(this.dryRun, false));
		}
		finally {
			progress.close();
		}
		return finish(terminal, result);
	}

	private int finish(Terminal terminal, RunResult result) {
		result.warnings().forEach(terminal::warn);
		int exit = report(terminal, result);
		if (terminal.json()) {
			JsonObject document = ResultJson.runResult(this.cli.document("migrate"), result);
			if (exit != 0) {
				document.put("exitCode", exit).put("error", dryRunError(result.failure()));
			}
			terminal.json(document);
		}
		return exit;
	}

	private int report(Terminal terminal, RunResult result) {
		long millis = result.migrations().stream().mapToLong((m) -> m.duration().toMillis()).sum();
		if (!result.succeeded()) {
			terminal.error(failureMessage(result.failure()));
			terminal.hint("fix the script and run the dry run again");
			return ExitCode.FAILED.code();
		}
		if (result.isEmpty()) {
			terminal.info("Up to date at version " + result.currentVersion() + "; nothing to migrate.");
		}
		else if (result.dryRun()) {
			terminal.info("Dry run: " + count(result.migrations()) + " would apply, from version "
					+ result.previousVersion() + " to " + result.currentVersion() + " (" + Formats.millis(millis)
					+ "); the database was not changed.");
		}
		else {
			terminal.info(terminal.green("Migrated") + " from version " + result.previousVersion() + " to "
					+ result.currentVersion() + ": " + count(result.migrations()) + " in " + Formats.millis(millis) + ".");
			if (result.backup() != null) {
				terminal.info("Backup taken before the run: " + result.backup().id()
						+ (result.backup().verified() ? " (verified)" : ""));
			}
		}
		return ExitCode.OK.code();
	}

	private TenantsOptions tenantsOptions() {
		if (this.tenantsParallelism < 0) {
			throw new BadInputException("--tenants-parallelism " + this.tenantsParallelism + ": give 1 or more (0: min(4, tenants))");
		}
		FailurePolicy policy = switch (this.tenantsOnFailure) {
			case "fail-fast" -> FailurePolicy.FAIL_FAST;
			case "continue" -> FailurePolicy.CONTINUE;
			default -> throw new BadInputException("--tenants-on-failure " + this.tenantsOnFailure + ": give fail-fast or continue");
		};
		return new TenantsOptions(this.tenantsParallelism, policy);
	}

	// the engine's status warning while another tool's history is here and Migrator's is empty
	private static boolean holdsAnotherToolsHistory(InfoResult status) {
		return status.warnings().stream().anyMatch((warning) -> warning.startsWith("This database holds "));
	}

	static String count(List<MigrationRun> migrations) {
		return migrations.size() + (migrations.size() == 1 ? " migration" : " migrations");
	}

	static String failureMessage(MigrationFailure failure) {
		return "Dry run: migration " + failure.version() + " would fail at " + Formats.script(failure.script())
				+ (failure.line() > 0 ? ":" + failure.line() : "") + "; the database was not changed."
				+ System.lineSeparator() + failure.message();
	}

	static JsonObject dryRunError(MigrationFailure failure) {
		return new JsonObject().put("type", ExitCode.FAILED.errorType())
			.put("message", failureMessage(failure))
			.put("failure", ResultJson.failure(failure));
	}

}
