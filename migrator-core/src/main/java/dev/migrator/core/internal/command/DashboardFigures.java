package dev.migrator.core.internal.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.Dashboard.EstimateBasis;
import dev.migrator.core.api.Dashboard.Overview;
import dev.migrator.core.api.Dashboard.RollbackStep;
import dev.migrator.core.api.Dashboard.Statistics;
import dev.migrator.core.api.Dashboard.Status;
import dev.migrator.core.api.Dashboard.TimelineEntry;
import dev.migrator.core.api.Dashboard.Timed;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;

/** The dashboard's figures from what was read: no database access, so every figure has one source. */
final class DashboardFigures {

	private final InfoResult info;

	/** The whole log, oldest first. */
	private final List<LogRecord> log;

	/** Per version: the successful rollbacks' recorded durations. */
	private final Map<MigrationVersion, List<Long>> downTimes = new HashMap<>();

	private final Map<MigrationVersion, Integer> rollbacks = new HashMap<>();

	private final Map<MigrationVersion, Integer> failures = new HashMap<>();

	private DashboardFigures(InfoResult info, List<LogRecord> log) {
		this.info = info;
		this.log = log;
		for (LogRecord entry : log) {
			MigrationVersion version = versionOf(entry);
			if (version == null || !isAttempt(entry)) {
				continue;
			}
			if (!entry.success()) {
				this.failures.merge(version, 1, Integer::sum);
			}
			else if (LogRecord.ROLLBACK.equals(entry.action())) {
				this.rollbacks.merge(version, 1, Integer::sum);
				if (entry.executionTimeMs() != null) {
					this.downTimes.computeIfAbsent(version, (v) -> new ArrayList<>()).add(entry.executionTimeMs());
				}
			}
		}
	}

	/**
	 * @param info every migration's state, with data-loss estimates
	 * @param withDown the versions whose code has a down (info says so for applied ones only)
	 * @param log the whole log, oldest first
	 */
	static Dashboard of(InfoResult info, Set<MigrationVersion> withDown, List<LogRecord> log, LockState lock, List<BackupInfo> backups, Instant now) {
		DashboardFigures figures = new DashboardFigures(info, log);
		List<LogRecord> newestFirst = new ArrayList<>(log);
		java.util.Collections.reverse(newestFirst);
		List<RollbackStep> plan = figures.rollbackPlan();
		return new Dashboard(now, info, lock, backups, newestFirst.stream().limit(Dashboard.RECENT_LOG).toList(),
				newestFirst.stream().filter((e) -> isAttempt(e) && !e.success()).limit(Dashboard.RECENT_LOG).toList(),
				figures.overview(lock, plan, withDown), figures.timeline(), figures.statistics(), plan);
	}

	private Overview overview(LockState lock, List<RollbackStep> plan, Set<MigrationVersion> codeWithDown) {
		List<MigrationInfo> migrations = this.info.migrations()
			.stream()
			// a repeatable has no down by design: it does not count against the share that has one
			.filter((m) -> m.type() != MigrationType.BASELINE && m.type() != MigrationType.REPEATABLE)
			.toList();
		int withDown = (int) migrations.stream()
			.filter((m) -> m.rollbackAvailable() || codeWithDown.contains(m.version()))
			.count();
		MigrationVersion latest = migrations.stream()
			.map(MigrationInfo::version)
			.max(Comparator.naturalOrder())
			.orElse(MigrationVersion.EMPTY);
		return new Overview(status(lock), this.info.currentVersion(), latest, migrations.size(),
				this.info.applied().size(), this.info.pending().size(), failed().size(),
				(int) plan.stream().filter(RollbackStep::possible).count(), withDown,
				migrations.isEmpty() ? null : withDown / (double) migrations.size());
	}

	private Status status(LockState lock) {
		if (lock != null && lock.held()) {
			return Status.MIGRATING;
		}
		if (!failed().isEmpty()) {
			return Status.FAILED;
		}
		if (!this.info.problems().isEmpty()) {
			return Status.INVALID;
		}
		return this.info.pending().isEmpty() ? Status.UP_TO_DATE : Status.PENDING;
	}

	private List<MigrationInfo> failed() {
		return this.info.migrations().stream().filter((m) -> m.state() == MigrationState.FAILED).toList();
	}

	private List<TimelineEntry> timeline() {
		MigrationVersion current = this.info.currentVersion();
		return this.info.migrations()
			.stream()
			.map((m) -> new TimelineEntry(m.version(), m.description(), m.state(), m.appliedAt(),
					!current.isEmpty() && m.version().equals(current), this.failures.getOrDefault(m.version(), 0),
					this.rollbacks.getOrDefault(m.version(), 0)))
			.toList();
	}

	private Statistics statistics() {
		int attempts = 0;
		int migrationsApplied = 0;
		int migrationsFailed = 0;
		int rollbacksPerformed = 0;
		int rollbacksFailed = 0;
		for (LogRecord entry : this.log) {
			if (!isAttempt(entry)) {
				continue;
			}
			attempts++;
			boolean migrate = LogRecord.MIGRATE.equals(entry.action());
			if (entry.success()) {
				if (migrate) {
					migrationsApplied++;
				}
				else {
					rollbacksPerformed++;
				}
			}
			else if (migrate) {
				migrationsFailed++;
			}
			else {
				rollbacksFailed++;
			}
		}
		int succeeded = migrationsApplied + rollbacksPerformed;
		List<Timed> timed = this.info.applied()
			.stream()
			.filter((m) -> m.type() != MigrationType.BASELINE && m.executionTimeMs() != null)
			.map((m) -> new Timed(m.version(), m.description(), m.executionTimeMs()))
			.toList();
		long total = timed.stream().mapToLong(Timed::ms).sum();
		return new Statistics(attempts, succeeded, attempts - succeeded,
				(attempts == 0) ? null : succeeded / (double) attempts, migrationsApplied, migrationsFailed,
				rollbacksPerformed, rollbacksFailed, total, timed.isEmpty() ? null : Math.round(total / (double) timed.size()),
				timed.stream().max(Comparator.comparingLong(Timed::ms)).orElse(null),
				timed.stream().min(Comparator.comparingLong(Timed::ms)).orElse(null));
	}

	/** Newest first, as a rollback goes: the first migration without a down blocks every step after it. */
	private List<RollbackStep> rollbackPlan() {
		List<MigrationInfo> newestFirst = this.info.applied()
			.stream()
			.filter((m) -> m.type() != MigrationType.REPEATABLE) // a rollback leaves them as they are
			.sorted(Comparator.comparing(MigrationInfo::version).reversed())
			.toList();
		List<RollbackStep> plan = new ArrayList<>();
		MigrationVersion blockedBy = null;
		Long cumulative = 0L;
		for (int i = 0; i < newestFirst.size(); i++) {
			MigrationInfo migration = newestFirst.get(i);
			if (blockedBy == null && !migration.rollbackAvailable()) {
				blockedBy = migration.version();
			}
			MigrationVersion to = (i + 1 < newestFirst.size()) ? newestFirst.get(i + 1).version() : MigrationVersion.EMPTY;
			List<Long> downs = this.downTimes.getOrDefault(migration.version(), List.of());
			EstimateBasis basis;
			Long estimate;
			if (!downs.isEmpty()) {
				basis = EstimateBasis.DOWN;
				estimate = Math.round(downs.stream().mapToLong(Long::longValue).average().orElse(0));
			}
			else if (migration.executionTimeMs() != null) {
				basis = EstimateBasis.UP;
				estimate = migration.executionTimeMs();
			}
			else {
				basis = EstimateBasis.UNKNOWN;
				estimate = null;
			}
			cumulative = (cumulative == null || estimate == null) ? null : cumulative + estimate;
			plan.add(new RollbackStep(i + 1, migration.version(), migration.description(), to, blockedBy == null,
					blockedBy, migration.dataLoss(), estimate, basis, cumulative));
		}
		return plan;
	}

	/** Migrate and rollback entries are attempts; start markers, repair, baseline, restore are bookkeeping. */
	private static boolean isAttempt(LogRecord entry) {
		return LogRecord.MIGRATE.equals(entry.action()) || LogRecord.ROLLBACK.equals(entry.action());
	}

	private static MigrationVersion versionOf(LogRecord entry) {
		if (entry.version() == null) {
			return null;
		}
		try {
			return MigrationVersion.parseRecorded(entry.version());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
