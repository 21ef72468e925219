package dev.migrator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.migrator.cli.output.Formats;
import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.Table;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.Dashboard.RollbackStep;
import dev.migrator.core.api.Dashboard.Statistics;
import dev.migrator.core.api.Dashboard.TimelineEntry;
import dev.migrator.core.api.Dashboard.Timed;
import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationType;

/**
 * {@code migrator status} as text or JSON, from the engine's {@link Dashboard}: the same figures the
 * web dashboard shows, none computed here. Relative times count from when the figures were read.
 */
final class StatusReport {

	private final Dashboard dashboard;

	StatusReport(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	/** "up_to_date", "pending", "migrating", "failed" or "invalid". */
	String status() {
		return this.dashboard.overview().status().name().toLowerCase(Locale.ROOT);
	}

	/** "2d ago (2026-11-30 14:02:11)"; "-" for none. */
	String when(Instant instant) {
		return (instant != null) ? ago(instant, this.dashboard.computedAt()) + " (" + Formats.dateTime(instant) + ")" : "-";
	}

	static String ago(Instant instant, Instant now) {
		long seconds = Math.max(0, Duration.between(instant, now).toSeconds());
		if (seconds < 60) {
			return seconds + "s ago";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "min ago";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + "h ago";
		}
		return (seconds / 86400) + "d ago";
	}

	private String statusText(Terminal terminal) {
		InfoResult info = this.dashboard.info();
		return switch (this.dashboard.overview().status()) {
			case FAILED -> terminal.red("FAILED: " + failed().stream()
				.map((m) -> "migration " + m.version() + " is partially applied"
						+ ((m.failure() != null) ? " (" + m.failure() + ")" : "") + "; "
						+ MigratorCommandLine.repairChoice(m.version().toString()))
				.findFirst()
				.orElse(""));
			case INVALID -> terminal.red("INVALID: " + info.problems().size() + " problem"
					+ (info.problems().size() == 1 ? "" : "s") + " (below); migrate refuses until fixed");
			case PENDING -> terminal.yellow(info.pending().size() + " pending");
			case MIGRATING -> terminal.yellow("migrating: a runner holds the lock");
			case UP_TO_DATE -> terminal.green("up to date");
		};
	}

	void print(Terminal terminal, String url) {
		Dashboard.Overview overview = this.dashboard.overview();
		Statistics statistics = this.dashboard.statistics();
		InfoResult info = this.dashboard.info();
		terminal.report(terminal.bold("Overview") + "  " + terminal.dim(url));
		Table table = new Table("", "");
		table.row("Status", statusText(terminal));
		table.row("Current version", overview.currentVersion() + (overview.currentVersion().isEmpty() ? " (nothing applied)"
				: overview.currentVersion().equals(overview.latestVersion()) ? " (latest)"
						: " (latest: " + overview.latestVersion() + ")"));
		table.row("Convention", this.dashboard.info().convention());
		table.row("Applied", String.valueOf(overview.applied()));
		table.row("Pending", String.valueOf(overview.pending()));
		List<RollbackStep> possible = this.dashboard.rollbackPlan().stream().filter(RollbackStep::possible).toList();
		table.row("Rollbacks available", (possible.isEmpty() ? "0" : possible.size() + " (back to version "
				+ possible.get(possible.size() - 1).to() + ")") + "; " + overview.withDown() + " of "
				+ overview.migrations() + " migrations have a down" + percentIn(overview.downShare()));
		table.row("Success rate", (statistics.successRate() == null) ? "- (no attempts in the log)"
				: percent(statistics.successRate()) + " (" + statistics.succeeded() + " of " + statistics.attempts() + " attempts)");
		table.row("Average duration", Formats.millis(statistics.averageMs()));
		table.row("Lock", this.dashboard.lock().held() ? terminal.yellow("held by " + this.dashboard.lock().host() + ", pid "
				+ this.dashboard.lock().pid() + (this.dashboard.lock().since() != null ? ", since "
						+ when(this.dashboard.lock().since()) : "")) : "free");
		table.printRows(terminal);
		for (MigrationInfo failed : failed()) {
			String error = LogCommand.lastError(this.dashboard.failedAttempts(), failed.version());
			terminal.report("");
			terminal.report(terminal.bold(terminal.red("Last error of migration " + failed.version()
					+ ((failed.state() == MigrationState.FAILED) ? ""
							: " (its attempt left nothing: 'migrator migrate' runs it again)"))));
			if (error != null) {
				error.lines().forEach((line) -> terminal.report("  " + line));
			}
			else {
				terminal.report("  Not among the newest failed attempts: 'migrator log --version " + failed.version()
						+ " --failed' shows it.");
			}
		}

		section(terminal, "History");
		if (info.migrations().isEmpty()) {
			terminal.report("  No migrations in the code or the history.");
		}
		else {
			Table history = new Table("VERSION", "NAME", "APPLIED", "DURATION", "STATUS");
			history.style(4, (text) -> stateColour(terminal, text));
			for (MigrationInfo migration : info.migrations()) {
				history.row(migration.version().toString(), migration.description(), when(migration.appliedAt()),
						Formats.millis(migration.executionTimeMs()), stateText(migration));
			}
			history.print(terminal);
		}

		section(terminal, "Timeline");
		if (this.dashboard.timeline().isEmpty()) {
			terminal.report("  No migrations yet.");
		}
		for (TimelineEntry entry : this.dashboard.timeline()) {
			String line = "  " + entry.version() + " -> " + entry.description()
					+ ((entry.appliedAt() != null) ? " (" + ago(entry.appliedAt(), this.dashboard.computedAt()) + ")" : "")
					+ ((entry.state() != MigrationState.APPLIED) ? " [" + stateText(entry.state()) + "]" : "")
					+ ((entry.failedAttempts() > 0) ? ", failed " + entry.failedAttempts() + "x" : "")
					+ ((entry.rollbacks() > 0) ? ", rolled back " + entry.rollbacks() + "x" : "");
			terminal.report(entry.current() ? terminal.bold(line + "  <- current") : line);
		}

		section(terminal, "Statistics");
		Table numbers = new Table("", "");
		numbers.row("Attempts", statistics.attempts() + " (migrate and rollback, whole log)");
		numbers.row("Successful", statistics.succeeded() + percentIn(statistics.successRate()));
		numbers.row("Failed", statistics.failed() + " (" + statistics.migrationsFailed() + " migrate, "
				+ statistics.rollbacksFailed() + " rollback)");
		numbers.row("Migrations applied", String.valueOf(statistics.migrationsApplied()));
		numbers.row("Rollbacks performed", statistics.rollbacksPerformed() + (statistics.rollbacksPerformed() == 0 ? " (never needed)" : ""));
		numbers.row("Total time", Formats.millis(statistics.totalMs()));
		numbers.row("Longest", describe(statistics.longest()));
		numbers.row("Shortest", describe(statistics.shortest()));
		numbers.printRows(terminal);

		if (!this.dashboard.failedAttempts().isEmpty()) {
			section(terminal, "Failed attempts");
			Table attempts = new Table("WHEN", "ACTION", "VERSION", "ERROR");
			for (LogRecord entry : this.dashboard.failedAttempts()) {
				attempts.row(when(entry.performedAt()), entry.action(), entry.version(),
						(entry.error() != null) ? entry.error().lines().findFirst().orElse("") : "-");
			}
			attempts.print(terminal);
		}

		section(terminal, "Rollback plan");
		if (this.dashboard.rollbackPlan().isEmpty()) {
			terminal.report("  None: nothing is applied.");
		}
		else {
			Table plan = new Table("STEP", "VERSION", "TO", "DATA LOSS", "ESTIMATE", "IN ALL");
			for (RollbackStep step : this.dashboard.rollbackPlan()) {
				plan.row(String.valueOf(step.step()), step.version().toString(), step.to().toString(),
						step.possible() ? dataLossText(terminal, step.dataLoss())
								: terminal.red("cannot: " + step.blockedBy() + " has no down"),
						estimate(step), (step.cumulativeMs() != null) ? Formats.millis(step.cumulativeMs()) : "unknown");
			}
			plan.print(terminal);
		}

		section(terminal, "Backups");
		if (this.dashboard.backups().isEmpty()) {
			terminal.report("  None yet: one is taken before every run that changes the database.");
		}
		else {
			BackupsCommand.table(terminal, this.dashboard.backups()).print(terminal);
		}
		if (!info.problems().isEmpty()) {
			terminal.report("");
			terminal.report(terminal.bold(terminal.red("Problems")));
			info.problems().forEach((problem) -> terminal.report("  - " + problem));
		}
		info.warnings().forEach(terminal::warn);
	}

	JsonObject json(JsonObject document, String url) {
		Dashboard.Overview overview = this.dashboard.overview();
		Statistics statistics = this.dashboard.statistics();
		InfoResult info = this.dashboard.info();
		return document.put("database", url)
			.put("computedAt", ResultJson.instant(this.dashboard.computedAt()))
			.put("overview", new JsonObject().put("status", status())
				.put("currentVersion", ResultJson.version(overview.currentVersion()))
				.put("latestVersion", ResultJson.version(overview.latestVersion()))
				.put("convention", info.convention())
				.put("migrations", overview.migrations())
				.put("applied", overview.applied())
				.put("pending", overview.pending())
				.put("failed", overview.failed())
				.put("rollbacksAvailable", overview.rollbacksAvailable())
				.put("withDown", overview.withDown())
				.put("downShare", overview.downShare())
				.put("successRate", statistics.successRate())
				.put("averageDurationMs", statistics.averageMs())
				.put("attemptsRead", statistics.attempts()))
			.put("migrations", info.migrations().stream().map(ResultJson::migration).toList())
			.put("timeline", this.dashboard.timeline()
				.stream()
				.map((t) -> new JsonObject().put("version", ResultJson.version(t.version()))
					.put("description", t.description())
					.put("state", ResultJson.name(t.state()))
					.put("appliedAt", ResultJson.instant(t.appliedAt()))
					.put("current", t.current())
					.put("failedAttempts", t.failedAttempts())
					.put("rollbacks", t.rollbacks()))
				.toList())
			.put("statistics", new JsonObject().put("attempts", statistics.attempts())
				.put("succeeded", statistics.succeeded())
				.put("failed", statistics.failed())
				.put("successRate", statistics.successRate())
				.put("migrationsApplied", statistics.migrationsApplied())
				.put("migrationsFailed", statistics.migrationsFailed())
				.put("rollbacksPerformed", statistics.rollbacksPerformed())
				.put("rollbacksFailed", statistics.rollbacksFailed())
				.put("totalMs", (statistics.longest() == null) ? null : statistics.totalMs())
				.put("averageMs", statistics.averageMs())
				.put("longest", timedJson(statistics.longest()))
				.put("shortest", timedJson(statistics.shortest())))
			.put("rollbacks", this.dashboard.rollbackPlan()
				.stream()
				.map((step) -> new JsonObject().put("step", step.step())
					.put("version", ResultJson.version(step.version()))
					.put("to", ResultJson.version(step.to()))
					.put("description", step.description())
					.put("possible", step.possible())
					.put("blockedBy", (step.blockedBy() != null) ? ResultJson.version(step.blockedBy()) : null)
					.put("dataLoss", ResultJson.dataLoss(step.dataLoss()))
					.put("estimatedMs", step.estimatedMs())
					.put("estimateBasis", ResultJson.name(step.basis()))
					.put("cumulativeMs", step.cumulativeMs()))
				.toList())
			.put("failedAttempts", this.dashboard.failedAttempts().stream().map(LogCommand::json).toList())
			.put("log", this.dashboard.recentLog().stream().map(LogCommand::json).toList())
			.put("backups", ResultJson.backups(this.dashboard.backups()))
			.put("lock", ResultJson.lock(this.dashboard.lock()))
			.put("failures", failures(info, this.dashboard.failedAttempts()))
			.put("problems", info.problems())
			.put("warnings", info.warnings());
	}

	/**
	 * Each failed migration, and each pending one whose attempt failed and left nothing (it records no
	 * failed row, only its log entry), with the last error the log holds for it (null when not among the
	 * entries read); {@code state} tells which.
	 */
	static List<JsonObject> failures(InfoResult info, List<LogRecord> log) {
		return failedOrRetried(info, log).stream()
			.map((m) -> new JsonObject().put("version", ResultJson.version(m.version()))
				.put("script", m.script())
				.put("state", m.state().name().toLowerCase(Locale.ROOT))
				.put("error", LogCommand.lastError(log, m.version())))
			.toList();
	}

	private static List<MigrationInfo> failedOrRetried(InfoResult info, List<LogRecord> failedAttempts) {
		return info.migrations()
			.stream()
			.filter((m) -> m.state() == MigrationState.FAILED
					|| (m.state() == MigrationState.PENDING && LogCommand.lastError(failedAttempts, m.version()) != null))
			.toList();
	}

	private List<MigrationInfo> failed() {
		return failedOrRetried(this.dashboard.info(), this.dashboard.failedAttempts());
	}

	private static void section(Terminal terminal, String title) {
		terminal.report("");
		terminal.report(terminal.bold(title));
	}

	private static String estimate(RollbackStep step) {
		return switch (step.basis()) {
			case DOWN -> Formats.millis(step.estimatedMs()) + " (its downs)";
			case UP -> Formats.millis(step.estimatedMs()) + " (its up)";
			case UNKNOWN -> "unknown";
		};
	}

	private static String percent(double share) {
		return String.format(Locale.ROOT, "%.0f%%", share * 100);
	}

	private static String percentIn(Double share) {
		return (share != null) ? " (" + percent(share) + ")" : "";
	}

	private static String describe(Timed timed) {
		return (timed != null) ? timed.version() + " " + timed.description() + " (" + Formats.millis(timed.ms()) + ")" : "-";
	}

	private static JsonObject timedJson(Timed timed) {
		if (timed == null) {
			return null;
		}
		return new JsonObject().put("version", ResultJson.version(timed.version()))
			.put("description", timed.description())
			.put("executionTimeMs", timed.ms());
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

	/** The state, and for a repeatable changed since it was applied, that it runs again. */
	static String stateText(MigrationInfo migration) {
		return (migration.type() == MigrationType.REPEATABLE && migration.state() == MigrationState.PENDING
				&& migration.appliedAt() != null) ? CHANGED_REPEATABLE : stateText(migration.state());
	}

	static final String CHANGED_REPEATABLE = "will re-run: changed";

	static String stateText(MigrationState state) {
		return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	private static String stateColour(Terminal terminal, String padded) {
		String state = padded.strip();
		return switch (state) {
			case "applied", "baseline" -> terminal.green(padded);
			case "failed", "missing" -> terminal.red(padded);
			case "pending", "rolled back", "out of order", CHANGED_REPEATABLE -> terminal.yellow(padded);
			default -> terminal.dim(padded);
		};
	}

}
