package dev.migrator.core.internal.dialect;

import java.sql.SQLException;

/**
 * What a dialect changed on a command's connection for the command (PostgreSQL: its
 * {@code search_path}), undone before the connection goes back: it may be the application's
 * pooled connection, which must come back as it was lent.
 */
@FunctionalInterface
public interface ConnectionChanges {

	/** Nothing was changed. */
	ConnectionChanges NONE = () -> {
	};

	void undo() throws SQLException;

}
