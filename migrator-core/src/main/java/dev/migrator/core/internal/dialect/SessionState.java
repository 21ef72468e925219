package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a connection's session looked like when a command took it: its settings and what else a
 * migration's SQL can leave on it for the next user (a role, temporary tables, attached files, …).
 * Taken once, before anything runs; put back after each migration, so the connection goes back
 * to the application's pool as it came.
 */
public interface SessionState {

	/**
	 * Puts back on the connection what changed since this state was taken.
	 * @param inTransaction whether a transaction is open: only what can be put back inside one is
	 * (what the engine's own statements that follow depend on); the rest waits for the call after it
	 * @return what changed and could not be put back, each named for a log line; empty when all is back
	 */
	List<String> restore(Connection connection, boolean inTransaction) throws SQLException;

	/** A state with nothing to put back. */
	SessionState NONE = (connection, inTransaction) -> List.of();

}
