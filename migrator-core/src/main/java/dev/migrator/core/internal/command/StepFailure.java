package dev.migrator.core.internal.command;

/** A step of a migration failed: where (script and line) and the database's or the code's reason. */
final class StepFailure extends Exception {

	private final String script;

	private final int line;

	private final String reason;

	StepFailure(String script, int line, String reason, Throwable cause) {
		super(script + (line > 0 ? ":" + line : "") + ": " + reason, cause);
		this.script = script;
		this.line = line;
		this.reason = reason;
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
