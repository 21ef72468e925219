package dev.migrator.cli;

/** The database could not be reached, or refused the login (exit code 6). */
final class ConnectionFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ConnectionFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
