package dev.migrator.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.RunResult;

/**
 * What this application's migrator is doing now and how its last run went wrong, for health and the
 * endpoint. Dry runs change nothing and are not tracked.
 */
public class MigrationActivity implements MigrationListener {

	private final Clock clock;

	// The engine calls a run's listeners on the thread that runs it.
	private final ThreadLocal<Boolean> dryRun = ThreadLocal.withInitial(() -> false);

	private final AtomicReference<Run> running = new AtomicReference<>();

	private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

	public MigrationActivity() {
		this(Clock.systemUTC());
	}

	MigrationActivity(Clock clock) {
		this.clock = clock;
	}

	/** The run in progress, if any. */
	public Optional<Run> running() {
		return Optional.ofNullable(this.running.get());
	}

	/** The failure of the last run that left the schema short of what the code expects, if any. */
	public Optional<Failure> lastFailure() {
		return Optional.ofNullable(this.lastFailure.get());
	}

	/**
	 * Marks this application's start-up migrate as running from before it waits for the migration lock:
	 * the engine announces a run only once it has a session, and on SQLite it waits for another runner's
	 * lock before that, perhaps far longer than a lease. Ended by {@link #startupRunEnded()}.
	 */
	public void startupRunStarted() {
		this.running.set(new Run("migrate", this.clock.instant()));
	}

	/** Ends {@link #startupRunStarted()}, whether or not the engine got to announce and finish the run. */
	public void startupRunEnded() {
		this.running.set(null);
	}

	/** Records a failed start-up run, whatever the reason, since the schema is not what the code expects. */
	public void startupFailed(Throwable failure) {
		this.lastFailure.set(new Failure("startup", message(failure), versionOf(failure), this.clock.instant()));
	}

	@Override
	public void runStarted(String command, boolean dryRun) {
		this.dryRun.set(dryRun);
		if (!dryRun) {
			this.running.set(new Run(command, this.clock.instant()));
		}
	}

	@Override
	public void runFinished(String command, RunResult result, Throwable failure) {
		boolean dry = this.dryRun.get();
		this.dryRun.remove();
		if (dry) {
			return;
		}
		this.running.set(null);
		if (failure instanceof MigrationFailedException) {
			this.lastFailure.set(new Failure(command, message(failure), versionOf(failure), this.clock.instant()));
		}
		else if (failure == null && "migrate".equals(command)) {
			this.lastFailure.set(null);
		}
	}

	/** The migration a failure is about, if it is about one. */
	private static String versionOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationFailedException migration && migration.version() != null) {
				return migration.version().toString();
			}
		}
		return null;
	}

	private static String message(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getName();
	}

	/**
	 * A run in progress.
	 *
	 * @param command "migrate" or "rollback"
	 * @param since when it started
	 */
	public record Run(String command, Instant since) {
	}

	/**
	 * A failed run.
	 *
	 * @param command "startup", "migrate" or "rollback"
	 * @param message what failed, where
	 * @param version the migration that failed, or null when the failure is not one migration's
	 * @param at when
	 */
	public record Failure(String command, String message, String version, Instant at) {
	}

}
