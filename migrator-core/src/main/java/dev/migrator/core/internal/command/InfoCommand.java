package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.lock.LockHolder;

/** Reports every migration's state; reads only, and creates nothing. */
public final class InfoCommand {

	private final Session session;

	public InfoCommand(Session session) {
		this.session = session;
	}

	public InfoResult run() {
		return run(true);
	}

	/** Without the data-loss estimates, which count rows: cheap enough for every health probe. */
	public InfoResult status() {
		return run(false);
	}

	private InfoResult run(boolean estimateDataLoss) {
		try {
			// status shows no data loss and no notes: the index (when fresh) says all it shows
			MigrationStates states = estimateDataLoss ? this.session.statesForReport() : this.session.statesForStatus();
			// the splitter's classes are loaded only where scripts are read: not for status
			DataLossEstimator estimator = estimateDataLoss ? new DataLossEstimator(this.session.connection(),
					this.session.dialect(), this.session.settings(true, null)) : null;
			List<MigrationInfo> infos = new ArrayList<>();
			MigrationExecutor scripts = estimateDataLoss
					? new MigrationExecutor(this.session.connection(), this.session.dialect()) : null;
			// read from the log in the full report only, as the estimates are: not in every health probe
			Map<MigrationVersion, String> skipped = estimateDataLoss ? SkippedMigrations.of(this.session, states.appliedRows())
					: Map.of();
			for (MigrationInfo info : states.infos()) {
				String skip = skipped.get(info.version());
				MigrationInfo shown = (skip != null)
						? withDataLoss(info, SkippedMigrations.preview(info.version(), skip))
							.withNote("skipped when applied: " + skip)
						: (estimateDataLoss && info.rollbackAvailable()) ? withDataLoss(info, estimator.estimate(states.resolved(info.version())))
						: info;
				// the notes split scripts: in the full report only, not in every health probe's
				shown = estimateDataLoss ? withNote(shown, states.resolved(info.version()), scripts) : shown;
				infos.add(withPrerequisites(shown, states.resolved(info.version())));
			}
			return new InfoResult(states.current(), infos, states.problems(), withForeignHistory(states),
					states.convention());
		}
		catch (SQLException | RuntimeException ex) {
			if (this.session.migrating().isPresent() && SqliteReads.isLocked(ex)) {
				return whileMigrating(this.session.migrating().get());
			}
			if (ex instanceof SQLException sql) {
				throw Failures.database("info", sql);
			}
			throw (RuntimeException) ex;
		}
	}

	/**
	 * With Migrator's history still empty, another tool's history makes every migration look pending:
	 * the report says whose it is and that migrate would stop on it until it is adopted.
	 */
	private List<String> withForeignHistory(MigrationStates states) throws SQLException {
		if (!states.current().isEmpty() || infosApplied(states)) {
			return states.warnings();
		}
		List<ForeignHistory> found = ForeignHistory.find(this.session.connection(), this.session.history(),
				this.session.configuration());
		if (found.isEmpty()) {
			return states.warnings();
		}
		List<String> warnings = new ArrayList<>(states.warnings());
		ForeignHistory first = found.get(0);
		warnings.add("This database holds " + first + " history, and Migrator has none yet: the migrations shown"
				+ " pending were applied by " + first.toolName() + ". Migrate stops on it until it is adopted: set"
				+ " migrator.adopt=" + first.tool() + " (Builder.adopt(\"" + first.tool() + "\"))");
		return warnings;
	}

	private static boolean infosApplied(MigrationStates states) {
		return states.infos().stream().anyMatch((info) -> info.appliedAt() != null);
	}

	/**
	 * What can be known while a migration keeps the database locked (SQLite in rollback-journal mode,
	 * while a migration writes): who migrates, since when, and the version it committed last. The
	 * migrations are left out rather than guessed.
	 */
	private static InfoResult whileMigrating(SqliteReads.InProgress migration) {
		MigrationVersion committed = (migration.committed() != null) ? MigrationVersion.parse(migration.committed())
				: MigrationVersion.EMPTY;
		String asOf = (migration.committed() != null) ? "the state as of its last commit is version " + committed
				: "the version it committed last is not known";
		return new InfoResult(committed, List.of(), List.of(), List.of("A migration is in progress ("
				+ migration.holder().describe() + ") and keeps the database locked while it writes, so it cannot be"
				+ " read now: " + asOf + ". The migrations are listed again once it commits; ask again then."));
	}

	public List<LogRecord> log(int limit) {
		try {
			return this.session.history().recentLog(this.session.connection(), limit);
		}
		catch (SQLException ex) {
			if (this.session.migrating().isPresent() && SqliteReads.isLocked(ex)) {
				// locked by the migration in progress, which info and status report; the log follows
				return List.of();
			}
			throw Failures.database("log", ex);
		}
	}

	public LockState lockState() {
		try {
			return stateOf(this.session.lockHolder());
		}
		catch (SQLException ex) {
			throw Failures.database("lock state", ex);
		}
	}

	/**
	 * Says so when a script's outer BEGIN ... COMMIT becomes the migration's own transaction, or when
	 * the script runs without a transaction because nothing in it can run in one.
	 */
	private static MigrationInfo withNote(MigrationInfo info, ResolvedMigration code, MigrationExecutor scripts) {
		if (code == null || code.up() == null || !code.up().transactional()) {
			return info;
		}
		try {
			ScriptTransactions transactions = scripts.check(code.up());
			String note = transactions.onlyOutsideTransactions() ? "runs without a transaction: "
					+ transactions.firstOutsideOnly() + " cannot run inside one"
					: transactions.wrapped() ? "its " + transactions.wrapperLines()
							+ " are not run: the script runs in the migration's own transaction" : null;
			// a repeatable's "will re-run: changed" stays first
			return (note == null) ? info : info.withNote((info.note() != null) ? info.note() + "; " + note : note);
		}
		catch (StepFailure unsplittable) {
			return info; // the run's validation reports it
		}
	}

	/** Appends "requires 003, 005" and "precondition: ..." to any note: read from the script, no query run. */
	private static MigrationInfo withPrerequisites(MigrationInfo info, ResolvedMigration code) {
		String prerequisites = (code != null) ? code.prerequisites().describe() : null;
		if (prerequisites == null) {
			return info;
		}
		return info.withNote((info.note() != null) ? info.note() + "; " + prerequisites : prerequisites);
	}

		static LockState stateOf(Optional<LockHolder> holder) {
		return holder.map((h) -> new LockState(true, h.host(), h.pid(), h.known() ? h.since() : null))
			.orElse(LockState.FREE);
	}

	private static MigrationInfo withDataLoss(MigrationInfo info, DataLoss dataLoss) {
		return new MigrationInfo(info.version(), info.description(), info.type(), info.script(), info.checksum(),
				info.state(), info.appliedAt(), info.appliedBy(), info.executionTimeMs(), true, dataLoss, info.note(), info.failure());
	}

}
