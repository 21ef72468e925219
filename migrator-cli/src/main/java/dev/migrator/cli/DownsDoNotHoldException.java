package dev.migrator.cli;

/** {@code migrate --verify-downs} found a down that does not hold: nothing was migrated (exit code 1). */
final class DownsDoNotHoldException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DownsDoNotHoldException(String message) {
		super(message);
	}

}
