package dev.migrator.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Table;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code status}: the dashboard. Reads only. */
@Command(name = "status", description = "The dashboard: overview, history, statistics, rollbacks with their data loss, backups.")
final class StatusCommand implements Callable<Integer> {

	@ParentCommand
	private MigratorCommandLine cli;

	@Option(names = "--log-limit", paramLabel = "N", defaultValue = "100",
			description = "How many recent log entries the success rate and average duration read (default ${DEFAULT-VALUE}).")
	private int logLimit;

	@Override
	public Integer call() {
		if (this.logLimit < 1) {
			throw new BadInputException("--log-limit " + this.logLimit + ": give 1 or more");
		}
		Migrator migrator = this.cli.connect(true);
		InfoResult info = migrator.info();
		Dashboard dashboard = new Dashboard(info, migrator.log(this.logLimit), migrator.lockState(), migrator.backups());
		Terminal terminal = this.cli.terminal();
		if (terminal.json()) {
			terminal.json(dashboard.json(this.cli.document("status"), this.cli.settings().url()));
		}
		else {
			dashboard.print(terminal, this.cli.settings().url());
		}
		return ExitCode.OK.code();
	}

	/** What the dashboard shows, worked out once for both the text and the JSON. */
	static final class Dashboard {

		private final InfoResult info;

		private final List<LogRecord> attempts;

		private final List<LogRecord> log;

		private final LockState lock;

		private final List<BackupInfo> backups;

		private final List<MigrationInfo> rollbacks;

		private final MigrationInfo rollbackStop;

		private final List<MigrationInfo> timed;

		Dashboard(InfoResult info, List<LogRecord> log, LockState lock, List<BackupInfo> backups) {
			this.info = info;
			this.log = log;
			// migrate and rollback entries are the attempts; repair, baseline, restore are bookkeeping
			this.attempts = log.stream()
				.filter((r) -> LogRecord.MIGRATE.equals(r.action()) || LogRecord.ROLLBACK.equals(r.action()))
				.toList();
			this.lock = lock;
			this.backups = backups;
			List<MigrationInfo> newestFirst = info.applied()
				.stream()
				.sorted(Comparator.comparing(MigrationInfo::version).reversed())
				.toList();
			List<MigrationInfo> available = new ArrayList<>();
			MigrationInfo stop = null;
			// rollback goes newest first, so the first migration without a down ends what can be undone
			for (MigrationInfo migration : newestFirst) {
				if (!migration.rollbackAvailable()) {
					stop = migration;
					break;
				}
				available.add(migration);
			}
			this.rollbacks = List.copyOf(available);
			this.rollbackStop = stop;
			this.timed = info.applied()
				.stream()
				.filter((m) -> m.type() != MigrationType.BASELINE && m.executionTimeMs() != null)
				.toList();
		}

		String status() {
			if (this.info.migrations().stream().anyMatch((m) -> m.state() == MigrationState.FAILED)) {
				return "failed";
			}
			if (!this.info.problems().isEmpty()) {
				return "invalid";
			}
			return this.info.pending().isEmpty() ? "up_to_date" : "pending";
		}

		private String statusText(Terminal terminal) {
			return switch (status()) {
				case "failed" -> terminal.red("FAILED: " + this.info.migrations()
					.stream()
					.filter((m) -> m.state() == MigrationState.FAILED)
					.map((m) -> "migration " + m.version() + " is partially applied"
							+ ((m.failure() != null) ? " (" + m.failure() + ")" : "") + "; "
							+ MigratorCommandLine.repairChoice(m.version().toString()))
					.findFirst()
					.orElse(""));
				case "invalid" -> terminal.red("INVALID: " + this.info.problems().size() + " problem"
						+ (this.info.problems().size() == 1 ? "" : "s") + " (below); migrate refuses until fixed");
				case "pending" -> terminal.yellow(this.info.pending().size() + " pending");
				default -> terminal.green("up to date");
			};
		}

		Double successRate() {
			if (this.attempts.isEmpty()) {
				return null;
			}
			return this.attempts.stream().filter(LogRecord::success).count() / (double) this.attempts.size();
		}

		Long averageDurationMs() {
			List<Long> times = this.attempts.stream().map(LogRecord::executionTimeMs).filter((t) -> t != null).toList();
			return times.isEmpty() ? null : Math.round(times.stream().mapToLong(Long::longValue).average().orElse(0));
		}

		MigrationVersion rollbackTarget(MigrationInfo migration) {
			return RollbackCommand.versionBelow(this.info.applied(), migration.version());
		}

		void print(Terminal terminal, String url) {
			terminal.report(terminal.bold("Overview") + "  " + terminal.dim(url));
			Double rate = successRate();
			Long average = averageDurationMs();
			Table overview = new Table("", "");
			overview.row("Status", statusText(terminal));
			overview.row("Current version", this.info.currentVersion() + (this.info.currentVersion().isEmpty() ? " (nothing applied)" : ""));
			overview.row("Convention", this.info.convention());
			overview.row("Applied", String.valueOf(this.info.applied().size()));
			overview.row("Pending", String.valueOf(this.info.pending().size()));
			overview.row("Rollbacks available", this.rollbacks.isEmpty() ? "0"
					: this.rollbacks.size() + " (back to version " + rollbackTarget(this.rollbacks.get(this.rollbacks.size() - 1)) + ")");
			overview.row("Success rate", (rate == null) ? "- (no attempts in the log)"
					: String.format(Locale.ROOT, "%.0f%%", rate * 100) + " (" + this.attempts.stream().filter(LogRecord::success).count()
							+ " of the last " + this.attempts.size() + " attempts)");
			overview.row("Average duration", Formats.millis(average));
			overview.row("Lock", this.lock.held() ? terminal.yellow("held by " + this.lock.host() + ", pid " + this.lock.pid()
					+ (this.lock.since() != null ? ", since " + Formats.dateTime(this.lock.since()) : "")) : "free");
			overview.printRows(terminal);
			for (MigrationInfo failed : failedMigrations()) {
				String error = LogCommand.lastError(this.log, failed.version());
				terminal.report("");
				terminal.report(terminal.bold(terminal.red("Last error of migration " + failed.version())));
				if (error != null) {
					error.lines().forEach((line) -> terminal.report("  " + line));
				}
				else {
					terminal.report("  Not among the last log entries read: 'migrator log --version " + failed.version()
							+ " --failed' shows it.");
				}
			}

			terminal.report("");
			terminal.report(terminal.bold("History"));
			if (this.info.migrations().isEmpty()) {
				terminal.report("  No migrations in the code or the history.");
			}
			else {
				Table history = new Table("VERSION", "NAME", "APPLIED", "DURATION", "STATUS");
				history.style(4, (text) -> stateColour(terminal, text));
				for (MigrationInfo migration : this.info.migrations()) {
					history.row(migration.version().toString(), migration.description(),
							(migration.appliedAt() != null) ? Formats.dateTime(migration.appliedAt()) : null,
							(migration.executionTimeMs() != null) ? Formats.millis(migration.executionTimeMs()) : null,
							stateText(migration.state()));
				}
				history.print(terminal);
			}

			terminal.report("");
			terminal.report(terminal.bold("Statistics"));
			if (this.timed.isEmpty()) {
				terminal.report("  Nothing applied yet.");
			}
			else {
				Table statistics = new Table("", "");
				statistics.row("Total time", Formats.millis(totalMs()));
				statistics.row("Longest", describeTimed(longest()));
				statistics.row("Shortest", describeTimed(shortest()));
				statistics.printRows(terminal);
			}

			terminal.report("");
			terminal.report(terminal.bold("Rollbacks available"));
			if (this.rollbacks.isEmpty()) {
				terminal.report("  None" + ((this.rollbackStop != null)
						? ": migration " + this.rollbackStop.version() + " has no down." : ": nothing is applied."));
			}
			else {
				Table rollbackTable = new Table("STEP", "VERSION", "TO", "DATA LOSS");
				int step = 1;
				for (MigrationInfo migration : this.rollbacks) {
					rollbackTable.row(String.valueOf(step++), migration.version().toString(),
							rollbackTarget(migration).toString(), dataLossText(terminal, migration.dataLoss()));
				}
				rollbackTable.print(terminal);
				if (this.rollbackStop != null) {
					terminal.report("  Rollbacks stop at " + this.rollbackStop.version() + ": it has no down.");
				}
			}

			terminal.report("");
			terminal.report(terminal.bold("Backups"));
			if (this.backups.isEmpty()) {
				terminal.report("  None yet: one is taken before every run that changes the database.");
			}
			else {
				BackupsCommand.table(terminal, this.backups).print(terminal);
			}
			if (!this.info.problems().isEmpty()) {
				terminal.report("");
				terminal.report(terminal.bold(terminal.red("Problems")));
				this.info.problems().forEach((problem) -> terminal.report("  - " + problem));
			}
			this.info.warnings().forEach(terminal::warn);
		}

		private List<MigrationInfo> failedMigrations() {
			return this.info.migrations().stream().filter((m) -> m.state() == MigrationState.FAILED).toList();
		}

		/** Each failed migration with the last error the log holds for it (null when not among the entries read). */
		List<JsonObject> failures() {
			return failedMigrations().stream()
				.map((m) -> new JsonObject().put("version", ResultJson.version(m.version()))
					.put("script", m.script())
					.put("error", LogCommand.lastError(this.log, m.version())))
				.toList();
		}

		JsonObject json(JsonObject document, String url) {
			return document.put("database", url)
				.put("overview", new JsonObject().put("status", status())
					.put("currentVersion", ResultJson.version(this.info.currentVersion()))
					.put("convention", this.info.convention())
					.put("applied", this.info.applied().size())
					.put("pending", this.info.pending().size())
					.put("rollbacksAvailable", this.rollbacks.size())
					.put("successRate", successRate())
					.put("averageDurationMs", averageDurationMs())
					.put("attemptsRead", this.attempts.size()))
				.put("migrations", this.info.migrations().stream().map(ResultJson::migration).toList())
				.put("statistics", new JsonObject().put("totalMs", this.timed.isEmpty() ? null : totalMs())
					.put("longest", timedJson(longest()))
					.put("shortest", timedJson(shortest())))
				.put("rollbacks", rollbacksJson())
				.put("backups", ResultJson.backups(this.backups))
				.put("lock", ResultJson.lock(this.lock))
				.put("failures", failures())
				.put("problems", this.info.problems())
				.put("warnings", this.info.warnings());
		}

		private List<JsonObject> rollbacksJson() {
			List<JsonObject> list = new ArrayList<>();
			int step = 1;
			for (MigrationInfo migration : this.rollbacks) {
				list.add(new JsonObject().put("step", step++)
					.put("version", ResultJson.version(migration.version()))
					.put("to", ResultJson.version(rollbackTarget(migration)))
					.put("description", migration.description())
					.put("dataLoss", ResultJson.dataLoss(migration.dataLoss())));
			}
			return list;
		}

		private long totalMs() {
			return this.timed.stream().mapToLong(MigrationInfo::executionTimeMs).sum();
		}

		private MigrationInfo longest() {
			return this.timed.stream().max(Comparator.comparing(MigrationInfo::executionTimeMs)).orElse(null);
		}

		private MigrationInfo shortest() {
			return this.timed.stream().min(Comparator.comparing(MigrationInfo::executionTimeMs)).orElse(null);
		}

		private static String describeTimed(MigrationInfo migration) {
			return migration.version() + " " + migration.description() + " (" + Formats.millis(migration.executionTimeMs()) + ")";
		}

		private static JsonObject timedJson(MigrationInfo migration) {
			if (migration == null) {
				return null;
			}
			return new JsonObject().put("version", ResultJson.version(migration.version()))
				.put("description", migration.description())
				.put("executionTimeMs", migration.executionTimeMs());
		}

		private static String dataLossText(Terminal terminal, DataLoss dataLoss) {
			if (dataLoss == null) {
				return "cannot be estimated (a Java down)";
			}
			if (dataLoss.effects().isEmpty()) {
				return "none";
			}
			String text = String.join(", ", dataLoss.effects());
			return dataLoss.losesData() ? terminal.red(text) : text;
		}

		static String stateText(MigrationState state) {
			return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
		}

		private static String stateColour(Terminal terminal, String padded) {
			String state = padded.strip();
			return switch (state) {
				case "applied", "baseline" -> terminal.green(padded);
				case "failed", "missing" -> terminal.red(padded);
				case "pending", "rolled back", "out of order" -> terminal.yellow(padded);
				default -> terminal.dim(padded);
			};
		}

	}

}
