package dev.migrator.core.internal.command;

/** A step of a migration failed: where (script and line) and the database's or the code's reason. */
final class StepFailure extends Exception {

	private final String script;

	private final int line;

	private final String reason;

	private final boolean transactionEnded;

	StepFailure(String script, int line, String reason, Throwable cause) {
		this(script, line, reason, cause, false);
	}

	/** @param transactionEnded whether the migration ended the engine's transaction itself */
	StepFailure(String script, int line, String reason, Throwable cause, boolean transactionEnded) {
		super(script + (line > 0 ? ":" + line : "") + ": " + reason, cause);
		this.script = script;
		this.line = line;
		this.reason = reason;
		this.transactionEnded = transactionEnded;
	}

	/** Whether the migration ended the engine's transaction itself, so part of it may have been committed. */
	boolean transactionEnded() {
		return this.transactionEnded;
	}

	String script() {
		return this.script;
	}

	int line() {
		return this.line;
	}

	String reason() {
		return this.reason;
	}

}
