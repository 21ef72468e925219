package dev.migrator.core.internal.command;

import java.sql.SQLException;

import dev.migrator.core.api.MigratorException;

/** Turns a database error outside any migration (reading history, writing the log) into our error. */
final class Failures {

	private Failures() {
	}

	static MigratorException database(String command, SQLException ex) {
		return new MigratorException(command + " could not complete: the database reported: " + ex.getMessage()
				+ "; check that the database is reachable and writable, then run " + command + " again", ex);
	}

}
