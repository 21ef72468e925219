package dev.migrator.autoconfigure.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.DataLossDescriptor;
import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationVersion;

/**
 * The dashboard's figures in the endpoint's answer, as {@link dev.migrator.core.Migrator#dashboard()}
 * computed them: the web page and {@code migrator status --json} show the same numbers.
 *
 * @param computedAt when they were read
 * @param overview where the schema stands
 * @param statistics counts over the whole log, times of the applied migrations
 * @param timeline every version in order
 * @param rollbackPlan one row per step down to 0
 * @param failedAttempts the newest failed attempts, newest first
 */
public record DashboardDescriptor(Instant computedAt, Overview overview, Statistics statistics,
		List<TimelineEntry> timeline, List<RollbackStep> rollbackPlan, List<LogRecord> failedAttempts) {

	static DashboardDescriptor of(Dashboard dashboard) {
		Dashboard.Overview o = dashboard.overview();
		Dashboard.Statistics s = dashboard.statistics();
		return new DashboardDescriptor(dashboard.computedAt(),
				new Overview(o.status().name(), text(o.currentVersion()), text(o.latestVersion()), o.migrations(),
						o.applied(), o.pending(), o.failed(), o.rollbacksAvailable(), o.withDown(), o.downShare()),
				new Statistics(s.attempts(), s.succeeded(), s.failed(), s.successRate(), s.migrationsApplied(),
						s.migrationsFailed(), s.rollbacksPerformed(), s.rollbacksFailed(), s.totalMs(), s.averageMs(),
						Timed.of(s.longest()), Timed.of(s.shortest())),
				dashboard.timeline()
					.stream()
					.map((t) -> new TimelineEntry(text(t.version()), t.description(), t.state(), t.appliedAt(),
							t.current(), t.failedAttempts(), t.rollbacks()))
					.toList(),
				dashboard.rollbackPlan()
					.stream()
					.map((r) -> new RollbackStep(r.step(), text(r.version()), r.description(), text(r.to()), r.possible(),
							text(r.blockedBy()), (r.dataLoss() != null) ? DataLossDescriptor.of(r.dataLoss()) : null,
							r.estimatedMs(), r.basis().name(), r.cumulativeMs()))
					.toList(),
				dashboard.failedAttempts());
	}

	/** The same figures with the texts a caller not shown values may not see replaced (see {@link Redaction}). */
	DashboardDescriptor redacted(UnaryOperator<List<LogRecord>> log, UnaryOperator<DataLossDescriptor> dataLoss) {
		return new DashboardDescriptor(this.computedAt, this.overview, this.statistics, this.timeline,
				this.rollbackPlan.stream()
					.map((r) -> new RollbackStep(r.step(), r.version(), r.description(), r.to(), r.possible(),
							r.blockedBy(), (r.dataLoss() != null) ? dataLoss.apply(r.dataLoss()) : null, r.estimatedMs(),
							r.basis(), r.cumulativeMs()))
					.toList(),
				log.apply(this.failedAttempts));
	}

	private static String text(MigrationVersion version) {
		return (version != null) ? version.toString() : null;
	}

	/**
	 * @param status UP_TO_DATE, PENDING, MIGRATING (the lock is held), FAILED or INVALID
	 * @param currentVersion the newest applied version, "0" for none
	 * @param latestVersion the newest version known
	 * @param migrations in the code or the history
	 * @param applied applied
	 * @param pending what a migrate would apply
	 * @param failed recorded failed
	 * @param rollbacksAvailable how many steps a rollback can go down
	 * @param withDown how many migrations have a down
	 * @param downShare {@code withDown / migrations}
	 */
	public record Overview(String status, String currentVersion, String latestVersion, int migrations, int applied,
			int pending, int failed, int rollbacksAvailable, int withDown, Double downShare) {
	}

	/**
	 * @param attempts migrate and rollback attempts in the whole log
	 * @param succeeded those that succeeded
	 * @param failed those that failed
	 * @param successRate succeeded / attempts
	 * @param migrationsApplied successful migrate entries
	 * @param migrationsFailed failed migrate entries
	 * @param rollbacksPerformed successful rollback entries
	 * @param rollbacksFailed failed rollback entries
	 * @param totalMs the applied migrations' recorded durations, summed
	 * @param averageMs their mean
	 * @param longest the longest
	 * @param shortest the shortest
	 */
	public record Statistics(int attempts, int succeeded, int failed, Double successRate, int migrationsApplied,
			int migrationsFailed, int rollbacksPerformed, int rollbacksFailed, long totalMs, Long averageMs,
			Timed longest, Timed shortest) {
	}

	/**
	 * @param version the migration
	 * @param description what it does
	 * @param ms its up's recorded duration
	 */
	public record Timed(String version, String description, long ms) {

		static Timed of(Dashboard.Timed timed) {
			return (timed != null) ? new Timed(text(timed.version()), timed.description(), timed.ms()) : null;
		}

	}

	/**
	 * @param version the version
	 * @param description what it does
	 * @param state where it stands
	 * @param appliedAt when applied
	 * @param current whether it is the current version
	 * @param failedAttempts failed attempts in the log
	 * @param rollbacks rollbacks in the log
	 */
	public record TimelineEntry(String version, String description, MigrationState state, Instant appliedAt,
			boolean current, int failedAttempts, int rollbacks) {
	}

	/**
	 * @param step 1 for the newest
	 * @param version the migration whose down runs
	 * @param description what it does
	 * @param to the version after this step
	 * @param possible whether a rollback can reach this step
	 * @param blockedBy the newest migration without a down, when not possible
	 * @param dataLoss what its down would remove, null when not estimated (a Java down)
	 * @param estimatedMs how long its down may take, null when unknown
	 * @param basis DOWN (its recorded rollbacks), UP (its up's duration) or UNKNOWN
	 * @param cumulativeMs how long rolling back to {@code to} may take, null when a step is unknown
	 */
	public record RollbackStep(int step, String version, String description, String to, boolean possible,
			String blockedBy, DataLossDescriptor dataLoss, Long estimatedMs, String basis, Long cumulativeMs) {
	}

}
