package dev.migrator.core.api;

import java.util.Map;

/**
 * Base of every error Migrator raises; its message says what failed, where, and what to do, in
 * words that hold on every surface (Java, CLI, Actuator). A surface that words the next step its
 * own way reads {@link #reason()} and {@link #facts()} instead of parsing the message.
 */
public class MigratorException extends RuntimeException {

	/** Why a run stopped, for the cases a surface words its own next step for; most errors have none. */
	public enum Reason {

		/**
		 * A migration failed and may have left changes (statements the database committed, or a run
		 * interrupted half-way): migrate refuses to run it again until it is repaired, marked applied
		 * after finishing it by hand, or forgotten after undoing it by hand. Facts: {@code version},
		 * {@code script}, and {@code interrupted} ("true" when a run was killed in it).
		 */
		FAILED_MIGRATION_BLOCKS,

		/**
		 * A migration failed and left nothing behind (its transaction rolled back, or the backup was
		 * restored): fix what the message names and migrate again, no repair needed. Facts:
		 * {@code version}, {@code script}.
		 */
		FAILED_NOTHING_LEFT

	}

	private final Reason reason;

	private final Map<String, String> facts;

	public MigratorException(String message) {
		this(message, null, null, Map.of());
	}

	public MigratorException(String message, Throwable cause) {
		this(message, cause, null, Map.of());
	}

	/**
	 * @param reason why it stopped, or null
	 * @param facts what a surface needs to word the next step (see each {@link Reason})
	 */
	public MigratorException(String message, Throwable cause, Reason reason, Map<String, String> facts) {
		super(message, cause);
		this.reason = reason;
		this.facts = Map.copyOf(facts);
	}

	/** Why the run stopped, where a surface may word the next step itself; null for most errors. */
	public Reason reason() {
		return this.reason;
	}

	/** The facts of the {@link #reason()}, by name; empty when there is no reason. */
	public Map<String, String> facts() {
		return this.facts;
	}

}
