package dev.migrator.core.api;

import java.util.HashMap;
import java.util.Map;

/**
 * A migration (or its rollback) failed while running. The message names the script, the line of
 * the failing statement and the database's own message.
 */
public class MigrationFailedException extends MigratorException {

	private final MigrationVersion version;

	private final String script;

	private final int line;

	private final boolean recorded;

	/** A failure recorded against nothing (a rollback's: its migration stays applied), with no {@link #reason()}. */
	public MigrationFailedException(String message, MigrationVersion version, String script, int line, Throwable cause) {
		this(message, version, script, line, false, null, cause);
	}

	/**
	 * A migration's failure; its {@link #reason()} says whether it blocks the next run.
	 * @param recorded whether the failure is recorded against the migration (see {@link #recorded()})
	 */
	public MigrationFailedException(String message, MigrationVersion version, String script, int line,
			boolean recorded, Throwable cause) {
		this(message, version, script, line, recorded,
				recorded ? Reason.FAILED_MIGRATION_BLOCKS : Reason.FAILED_NOTHING_LEFT, cause);
	}

	private MigrationFailedException(String message, MigrationVersion version, String script, int line,
			boolean recorded, Reason reason, Throwable cause) {
		super(message, cause, reason, (reason != null) ? facts(version, script) : Map.of());
		this.version = version;
		this.script = script;
		this.line = line;
		this.recorded = recorded;
	}

	private static Map<String, String> facts(MigrationVersion version, String script) {
		Map<String, String> facts = new HashMap<>();
		if (version != null) {
			facts.put("version", version.toString());
		}
		if (script != null) {
			facts.put("script", script);
		}
		facts.put("interrupted", "false");
		return facts;
	}

	/**
	 * Whether a failed entry is recorded against the migration: it may have left changes, and blocks
	 * every run until it is repaired. False when nothing of the migration is left (its transaction
	 * rolled back, or the backup was restored): the next run simply tries it again.
	 */
	public boolean recorded() {
		return this.recorded;
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
