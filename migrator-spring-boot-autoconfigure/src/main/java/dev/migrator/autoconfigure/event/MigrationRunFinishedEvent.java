package dev.migrator.autoconfigure.event;

import dev.migrator.core.api.RunResult;

/** A migrate or rollback run ended, well or not. */
public class MigrationRunFinishedEvent extends MigrationEvent {

	private final String command;

	private final RunResult result;

	private final Throwable failure;

	public MigrationRunFinishedEvent(Object source, String command, RunResult result, Throwable failure) {
		super(source, (result != null) && result.dryRun());
		this.command = command;
		this.result = result;
		this.failure = failure;
	}

	/** "migrate" or "rollback". */
	public String getCommand() {
		return this.command;
	}

	/** What the run did; null when it failed. */
	public RunResult getResult() {
		return this.result;
	}

	/** Why the run failed; null when it succeeded. */
	public Throwable getFailure() {
		return this.failure;
	}

	/** Whether the run ended without an error. */
	public boolean isSucceeded() {
		return this.failure == null;
	}

}
