package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationInfo;

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
			MigrationStates states = this.session.statesForReport();
			DataLossEstimator estimator = new DataLossEstimator(this.session.connection(), this.session.dialect(),
				this.session.settings(true, null));
			List<MigrationInfo> infos = new ArrayList<>();
			for (MigrationInfo info : states.infos()) {
				infos.add((estimateDataLoss && info.rollbackAvailable()) ? withDataLoss(info, estimator.estimate(states.resolved(info.version())))
						: info);
			}
			return new InfoResult(states.current(), infos, states.problems(), states.warnings());
		}
		catch (SQLException ex) {
			throw Failures.database("info", ex);
		}
	}

	public List<LogRecord> log(int limit) {
		try {
			return this.session.history().recentLog(this.session.connection(), limit);
		}
		catch (SQLException ex) {
			throw Failures.database("log", ex);
		}
	}

	public LockState lockState() {
		try {
			return this.session.lockHolder()
				.map((holder) -> new LockState(true, holder.host(), holder.pid(), holder.known() ? holder.since() : null))
				.orElse(LockState.FREE);
		}
		catch (SQLException ex) {
			throw Failures.database("lock state", ex);
		}
	}

	private static MigrationInfo withDataLoss(MigrationInfo info, DataLoss dataLoss) {
		return new MigrationInfo(info.version(), info.description(), info.type(), info.script(), info.checksum(),
				info.state(), info.appliedAt(), info.appliedBy(), info.executionTimeMs(), true, dataLoss, info.failure());
	}

}
