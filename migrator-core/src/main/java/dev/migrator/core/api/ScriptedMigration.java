package dev.migrator.core.api;

import java.time.Duration;

/**
 * A SQL migration of a folder as the engine reads it, in whatever convention the folder is in:
 * for rewriting a folder into Migrator's own convention and proving the result reads the same.
 *
 * @param version the version as written, e.g. {@code 001} or {@code 1.1}
 * @param description what the history records as its description
 * @param up the script that applies it
 * @param down the script that undoes it, or null when it has none
 * @param verify its verify queries, or null
 */
public record ScriptedMigration(String version, String description, Script up, Script down, Script verify) {

	/**
	 * One script of a migration.
	 *
	 * @param file the file it was read from (a one-file format's up and down share one)
	 * @param sql the text the engine runs, placeholders as written
	 * @param transactional whether it runs inside a transaction
	 * @param lockTimeout its lock-timeout directive, or null
	 * @param statementTimeout its statement-timeout directive, or null
	 * @param hasSql whether it holds anything but comments (an empty down is "nothing to undo")
	 */
	public record Script(String file, String sql, boolean transactional, Duration lockTimeout,
			Duration statementTimeout, boolean hasSql) {
	}

}
