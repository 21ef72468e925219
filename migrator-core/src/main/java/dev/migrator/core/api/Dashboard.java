package dev.migrator.core.api;

import java.time.Instant;
import java.util.List;

/**
 * Every figure of the migrations dashboard, computed once from the code, the history, the whole
 * log, the lock and the backups (one read; changes nothing). The CLI's {@code status}, the
 * Actuator endpoint and its web page all show these figures; none computes its own.
 *
 * @param computedAt when the figures were read: relative times ("2d ago") count from it
 * @param info every migration's state, with the data-loss estimates of the downs
 * @param lock who holds the migration lock
 * @param backups the backups, newest first
 * @param recentLog the newest log entries, newest first (at most {@link #RECENT_LOG})
 * @param failedAttempts the failed attempts (migrate or rollback) of the whole log, newest first (at most {@link #RECENT_LOG})
 * @param overview where the schema stands
 * @param timeline every version in order, the current one marked, failed and rolled-back ones visible
 * @param statistics counts and times over the whole log and the applied migrations
 * @param rollbackPlan one row per step from the current version down to 0
 */
public record Dashboard(Instant computedAt, InfoResult info, LockState lock, List<BackupInfo> backups,
		List<LogRecord> recentLog, List<LogRecord> failedAttempts, Overview overview, List<TimelineEntry> timeline,
		Statistics statistics, List<RollbackStep> rollbackPlan) {

	/** How many log entries {@link #recentLog()} and {@link #failedAttempts()} hold at most. */
	public static final int RECENT_LOG = 20;

	public Dashboard {
		backups = List.copyOf(backups);
		recentLog = List.copyOf(recentLog);
		failedAttempts = List.copyOf(failedAttempts);
		timeline = List.copyOf(timeline);
		rollbackPlan = List.copyOf(rollbackPlan);
	}

	/** The verdict of the overview. */
	public enum Status {

		/** Nothing pending, nothing wrong. */
		UP_TO_DATE,

		/** Migrations wait to be applied. */
		PENDING,

		/** A runner holds the migration lock. */
		MIGRATING,

		/** A failed migration blocks the next run until it is repaired. */
		FAILED,

		/** The code and the history disagree: migrate refuses until fixed. */
		INVALID

	}

	/**
	 * Where the schema stands.
	 *
	 * @param status the verdict
	 * @param currentVersion the newest applied version, 0 for none
	 * @param latestVersion the newest version in the code or the history, 0 for none
	 * @param migrations the migrations in the code or the history
	 * @param applied the applied ones
	 * @param pending what a migrate would apply
	 * @param failed the ones recorded failed
	 * @param rollbacksAvailable how many steps down a rollback can go, newest first, before a migration without a down
	 * @param withDown how many of the migrations have a down
	 * @param downShare {@code withDown / migrations}, null with no migrations
	 */
	public record Overview(Status status, MigrationVersion currentVersion, MigrationVersion latestVersion,
			int migrations, int applied, int pending, int failed, int rollbacksAvailable, int withDown,
			Double downShare) {
	}

	/**
	 * One version on the schema's timeline.
	 *
	 * @param version the version
	 * @param description what it does
	 * @param state where it stands
	 * @param appliedAt when it was applied, null when it is not
	 * @param current whether it is the current version
	 * @param failedAttempts how many attempts at it failed, per the log
	 * @param rollbacks how many times it was rolled back, per the log
	 */
	public record TimelineEntry(MigrationVersion version, String description, MigrationState state,
			Instant appliedAt, boolean current, int failedAttempts, int rollbacks) {
	}

	/**
	 * Counts over the whole log (attempts are migrate and rollback entries) and times of the
	 * applied migrations as the history records them.
	 *
	 * @param attempts migrate and rollback attempts
	 * @param succeeded those that succeeded
	 * @param failed those that failed
	 * @param successRate {@code succeeded / attempts}, null with no attempts
	 * @param migrationsApplied successful migrate entries (a migration applied again after a rollback counts again)
	 * @param migrationsFailed failed migrate entries
	 * @param rollbacksPerformed successful rollback entries
	 * @param rollbacksFailed failed rollback entries
	 * @param totalMs the recorded durations of the applied migrations, summed; 0 with none
	 * @param averageMs their mean, null with none
	 * @param longest the applied migration that took longest, null with none
	 * @param shortest the one that took least, null with none
	 */
	public record Statistics(int attempts, int succeeded, int failed, Double successRate, int migrationsApplied,
			int migrationsFailed, int rollbacksPerformed, int rollbacksFailed, long totalMs, Long averageMs,
			Timed longest, Timed shortest) {
	}

	/**
	 * An applied migration with its recorded duration.
	 *
	 * @param version the migration
	 * @param description what it does
	 * @param ms how long its up took
	 */
	public record Timed(MigrationVersion version, String description, long ms) {
	}

	/** What a rollback step's estimated time rests on. */
	public enum EstimateBasis {

		/** The mean of the recorded durations of this migration's earlier rollbacks. */
		DOWN,

		/** No rollback of it was recorded: the recorded duration of its up. */
		UP,

		/** Neither was recorded. */
		UNKNOWN

	}

	/**
	 * One step of the rollback plan, newest first.
	 *
	 * @param step 1 for the newest applied migration
	 * @param version the migration whose down runs
	 * @param description what it does
	 * @param to the version the database is at after this step
	 * @param possible whether a rollback can reach this step: it and every newer migration have a down
	 * @param blockedBy when not possible, the newest migration without a down
	 * @param dataLoss what its down would remove, null for a Java down (not estimated) or none
	 * @param estimatedMs how long its down may take, null when unknown
	 * @param basis what the estimate rests on
	 * @param cumulativeMs how long rolling back down to {@code to} may take, null when any step is unknown
	 */
	public record RollbackStep(int step, MigrationVersion version, String description, MigrationVersion to,
			boolean possible, MigrationVersion blockedBy, DataLoss dataLoss, Long estimatedMs, EstimateBasis basis,
			Long cumulativeMs) {
	}

}
