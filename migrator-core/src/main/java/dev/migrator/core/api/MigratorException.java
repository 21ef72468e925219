package dev.migrator.core.api;

/** Base of every error Migrator raises; its message says what failed, where, and what to do. */
public class MigratorException extends RuntimeException {

	public MigratorException(String message) {
		super(message);
	}

	public MigratorException(String message, Throwable cause) {
		super(message, cause);
	}

}
