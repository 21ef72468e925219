package dev.migrator.cli;

import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.ValidationException;

/**
 * What the process's exit status means; docs/CLI.md has the same table. Scripts branch on these,
 * so a number never changes its meaning.
 */
public enum ExitCode {

	/** The command did what was asked. */
	OK(0, null),

	/** A migration or down failed (a dry run included), or a backup, restore or database call failed. */
	FAILED(1, "failed"),

	/** Bad usage or input: unknown command or option, bad value, missing location, unknown backup id... */
	BAD_INPUT(2, "bad_input"),

	/** Another runner held the migration lock longer than the wait allowed. */
	LOCK_TIMEOUT(3, "lock_timeout"),

	/** A rollback was refused because its downs would drop data; nothing changed. */
	DATA_LOSS_REFUSED(4, "data_loss_refused"),

	/** The migrations and the history disagree, or a script is malformed; nothing changed. */
	VALIDATION_FAILED(5, "validation_failed"),

	/** The database could not be reached or refused the login. */
	CONNECTION_FAILED(6, "connection_failed");

	private final int code;

	private final String errorType;

	ExitCode(int code, String errorType) {
		this.code = code;
		this.errorType = errorType;
	}

	public int code() {
		return this.code;
	}

	/** The {@code error.type} of the JSON document. */
	public String errorType() {
		return this.errorType;
	}

	/** The exit code for what a command threw. */
	public static ExitCode of(Throwable failure) {
		if (failure instanceof BadInputException) {
			return BAD_INPUT;
		}
		if (failure instanceof ConnectionFailedException) {
			return CONNECTION_FAILED;
		}
		if (failure instanceof ValidationException) {
			return VALIDATION_FAILED;
		}
		if (failure instanceof DataLossException) {
			return DATA_LOSS_REFUSED;
		}
		if (failure instanceof LockTimeoutException) {
			return LOCK_TIMEOUT;
		}
		return FAILED;
	}

}
