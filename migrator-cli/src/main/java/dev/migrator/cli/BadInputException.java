package dev.migrator.cli;

/** The operator's input cannot work (exit code 2); checked before anything touches the database. */
final class BadInputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	BadInputException(String message) {
		super(message);
	}

	BadInputException(String message, Throwable cause) {
		super(message, cause);
	}

}
