package dev.migrator.core.api;

/**
 * A migration (or its rollback) failed while running. The message names the script, the line of
 * the failing statement and the database's own message.
 */
public class MigrationFailedException extends MigratorException {

	private final MigrationVersion version;

	private final String script;

	private final int line;

	public MigrationFailedException(String message, MigrationVersion version, String script, int line, Throwable cause) {
		super(message, cause);
		this.version = version;
		this.script = script;
		this.line = line;
	}

	/** The version of the migration that failed. */
	public MigrationVersion version() {
		return this.version;
	}

	/** The script (or Java class) that failed. */
	public String script() {
		return this.script;
	}

	/** The line in the script where the failing statement starts; 0 when not known (Java migrations). */
	public int line() {
		return this.line;
	}

}
