package dev.migrator.core.api;

/**
 * Hears what a run does, for events, metrics and logs. Called on the running thread; a listener
 * that throws is logged and ignored, never failing the run.
 */
public interface MigrationListener {

	/** A migrate or rollback is starting ({@code command} is "migrate" or "rollback"). */
	default void runStarted(String command, boolean dryRun) {
	}

	/** A migration was applied and committed (or, in a dry run, applied to the copy). */
	default void migrationApplied(MigrationRun run, boolean dryRun) {
	}

	/** A migration was rolled back. */
	default void migrationRolledBack(MigrationRun run, boolean dryRun) {
	}

	/** A migration failed. */
	default void migrationFailed(MigrationFailure failure, boolean dryRun) {
	}

	/** A run ended, well or not ({@code result} is null when it failed). */
	default void runFinished(String command, RunResult result, Throwable failure) {
	}

}
