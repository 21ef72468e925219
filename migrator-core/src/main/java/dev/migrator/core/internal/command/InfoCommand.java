package dev.migrator.core.internal.command;

import java.sql.SQLException;

import dev.migrator.core.api.InfoResult;

/** Reports every migration's state; reads only, and creates nothing. */
public final class InfoCommand {

	private final Session session;

	public InfoCommand(Session session) {
		this.session = session;
	}

	public InfoResult run() {
		try {
			MigrationStates states = this.session.states();
			return new InfoResult(states.current(), states.infos(), states.problems(), states.warnings());
		}
		catch (SQLException ex) {
			throw Failures.database("info", ex);
		}
	}

}
