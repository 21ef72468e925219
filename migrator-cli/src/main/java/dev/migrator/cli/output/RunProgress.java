package dev.migrator.cli.output;

import java.util.List;

import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;

/**
 * Shows a migrate or rollback as it goes. On a terminal: a line per finished migration and a bar
 * below them, redrawn in place. Elsewhere (CI logs, pipes): one plain line per finished migration,
 * since carriage returns make a log unreadable.
 */
public final class RunProgress implements MigrationListener {

	private static final int BAR_WIDTH = 24;

	private final Terminal terminal;

	private final List<String> planned;

	private final String doneVerb;

	private final String dryRunVerb;

	private final int labelWidth;

	private int done;

	private boolean barShown;

	/**
	 * @param planned what is expected to run, in order, e.g. "002 add tags" (for the bar's label
	 * and size; a run that does less or more still reports what it did)
	 * @param doneVerb what a finished step is called, e.g. "applied"
	 * @param dryRunVerb what it is called in a dry run, e.g. "would apply"
	 */
	public RunProgress(Terminal terminal, List<String> planned, String doneVerb, String dryRunVerb) {
		this.terminal = terminal;
		this.planned = List.copyOf(planned);
		this.doneVerb = doneVerb;
		this.dryRunVerb = dryRunVerb;
		this.labelWidth = planned.stream().mapToInt(String::length).max().orElse(0);
	}

	@Override
	public void runStarted(String command, boolean dryRun) {
		drawBar();
	}

	@Override
	public void migrationApplied(MigrationRun run, boolean dryRun) {
		finished(run, dryRun);
	}

	@Override
	public void migrationRolledBack(MigrationRun run, boolean dryRun) {
		finished(run, dryRun);
	}

	@Override
	public void migrationFailed(MigrationFailure failure, boolean dryRun) {
		clearBar();
		if (this.terminal.showsProgress()) {
			String mark = this.terminal.interactive() ? "✗ " : "";
			this.terminal.report("  " + this.terminal.red(mark + (dryRun ? "would fail" : "failed")) + "  "
					+ failure.version() + " " + Formats.script(failure.script()) + (failure.line() > 0 ? ":" + failure.line() : ""));
		}
	}

	/** Takes the bar off the screen before the command prints its summary. */
	public void close() {
		clearBar();
	}

	private void finished(MigrationRun run, boolean dryRun) {
		this.done++;
		clearBar();
		if (this.terminal.showsProgress()) {
			String mark = this.terminal.interactive() ? "✓ " : "";
			String label = run.version() + " " + run.description();
			String padding = " ".repeat(Math.max(0, this.labelWidth - label.length()));
			this.terminal.report("  " + this.terminal.green(mark + (dryRun ? this.dryRunVerb : this.doneVerb)) + "  " + label
					+ padding + "  " + this.terminal.dim(Formats.duration(run.duration())));
		}
		drawBar();
	}

	private void drawBar() {
		if (!this.terminal.interactive() || !this.terminal.showsProgress() || this.planned.isEmpty()
				|| this.done >= this.planned.size()) {
			return;
		}
		int total = this.planned.size();
		int filled = BAR_WIDTH * this.done / total;
		String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
		this.terminal.draw("\r  [" + this.terminal.cyan(bar) + "] " + this.done + "/" + total + "  "
				+ this.planned.get(this.done) + " ...");
		this.barShown = true;
	}

	private void clearBar() {
		if (this.barShown) {
			this.terminal.draw("\r\u001b[2K");
			this.barShown = false;
		}
	}

}
