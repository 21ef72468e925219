package dev.migrator.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationVersion;

/**
 * Where the schema stands for the application, with the reasons: the one judgement behind the
 * health indicator and the endpoint's {@code status}.
 *
 * @param state the verdict
 * @param reasons why, one sentence each; empty when up to date
 */
public record MigrationStatus(State state, List<String> reasons, List<String> publicReasons) {

	public MigrationStatus {
		reasons = List.copyOf(reasons);
		publicReasons = List.copyOf(publicReasons);
	}

	/** A status whose reasons hold nothing to hide. */
	public MigrationStatus(State state, List<String> reasons) {
		this(state, reasons, reasons);
	}

	/**
	 * Judges the schema. A run of this application's in progress comes first; then the worst finding
	 * wins: a failure, an invalid history, a stuck lock, another runner's run, pending migrations.
	 * Another runner's lock (stuck or not) counts only while this application has migrations pending.
	 * @param info what the engine reports
	 * @param lock who holds the migration lock
	 * @param activity this application's runs
	 * @param target the version the application migrates to, or null for the latest
	 * @param stuckAfter how long a lock may be held before it counts as stuck
	 * @param now the time to judge the lock's age by
	 */
	public static MigrationStatus of(InfoResult info, LockState lock, MigrationActivity activity, String target,
			Duration stuckAfter, Instant now) {
		if (activity.running().isPresent()) {
			return migrating(activity.running().get());
		}
		// The public reasons leave out what only authorized callers may see: error texts (they may quote
		// row data), script paths and who holds the lock.
		List<String> failures = new ArrayList<>();
		List<String> publicFailures = new ArrayList<>();
		activity.lastFailure().ifPresent((failure) -> {
			String head = "The last " + failure.command() + " run failed at " + failure.at()
					+ ((failure.version() != null) ? ", in migration " + failure.version() : "");
			failures.add(head + ": " + failure.message());
			publicFailures.add(head);
		});
		for (MigrationInfo migration : info.migrations()) {
			if (migration.state() == MigrationState.FAILED) {
				failures.add("Migration " + migration.version() + " (" + migration.script() + ") is partially applied"
						+ ((migration.failure() != null) ? ": " + migration.failure() : "") + ". "
						+ MigrationFailureAnalyzer.repairChoice(migration.version().toString()));
				publicFailures.add("Migration " + migration.version() + " is partially applied. "
						+ MigrationFailureAnalyzer.repairChoice(migration.version().toString()));
			}
		}
		if (!failures.isEmpty()) {
			return new MigrationStatus(State.FAILED, failures, publicFailures);
		}
		if (!info.problems().isEmpty()) {
			int count = info.problems().size();
			return new MigrationStatus(State.INVALID, info.problems(), List.of("The code and the history disagree ("
					+ count + ((count == 1) ? " problem" : " problems") + "); the details are shown to authorized callers"));
		}
		List<MigrationInfo> behind = pendingUpTo(info, target);
		// Another runner's lock concerns this application only while its own code still has migrations
		// to apply: in a rolling deploy the old Pods, whose code is current, keep serving while a new
		// Pod migrates (or holds a lock for long), instead of every Pod leaving readiness at once.
		if (lock.held() && behind.isEmpty()) {
			return new MigrationStatus(State.UP_TO_DATE, List.of());
		}
		if (lock.held() && lock.since() != null && Duration.between(lock.since(), now).compareTo(stuckAfter) > 0) {
			String tail = " since " + lock.since() + ", longer than " + stuckAfter
					+ "; if that process is gone, its lease will expire, otherwise see what it is doing";
			return new MigrationStatus(State.LOCK_STUCK,
					List.of("The migration lock has been held by " + lock.host() + " (pid " + lock.pid() + ")" + tail),
					List.of("The migration lock has been held" + tail));
		}
		if (lock.held()) {
			return new MigrationStatus(State.MIGRATING,
					List.of("Another runner, " + lock.host() + " (pid " + lock.pid() + "), holds the migration lock since "
							+ lock.since()),
					List.of("Another runner holds the migration lock since " + lock.since()));
		}
		if (!behind.isEmpty()) {
			return new MigrationStatus(State.PENDING, List.of(behind.size() + " pending migration"
					+ ((behind.size() == 1) ? "" : "s") + " up to version " + behind.get(behind.size() - 1).version()
					+ "; the schema is behind the code"));
		}
		return new MigrationStatus(State.UP_TO_DATE, List.of());
	}

	/** A run of this application's is in progress: nothing else is worth reading the database for. */
	public static MigrationStatus migrating(MigrationActivity.Run run) {
		return new MigrationStatus(State.MIGRATING,
				List.of("A " + run.command() + " run is in progress since " + run.since()));
	}

	private static List<MigrationInfo> pendingUpTo(InfoResult info, String target) {
		MigrationVersion limit = (target != null) ? MigrationVersion.parse(target) : null;
		return info.pending()
			.stream()
			.filter((migration) -> limit == null || migration.version().compareTo(limit) <= 0)
			.toList();
	}

	/** The verdicts. */
	public enum State {

		/** At the target (or latest) version, with nothing wrong. */
		UP_TO_DATE,

		/** Migrations up to the target are pending and no run is in progress. */
		PENDING,

		/** A run is in progress, here or in another process holding the lock. */
		MIGRATING,

		/** The migration lock has been held for longer than a run should take. */
		LOCK_STUCK,

		/** The code and the history disagree (a changed or missing migration, say); nothing can run. */
		INVALID,

		/** A migration failed. */
		FAILED

	}

}
