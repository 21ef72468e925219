package dev.migrator.core.internal.command;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.MigrationVersion;

/**
 * What the database said while a migration's statement ran without failing: PostgreSQL's
 * {@code RAISE NOTICE} / {@code RAISE WARNING} (the progress of a long data migration) and
 * MySQL/MariaDB warnings (a value truncated, a table that already exists). JDBC keeps them on the
 * statement, where nothing reads them unless asked; they go to the log at INFO, named by the
 * migration's version, script and line.
 */
final class ServerMessages {

	private static final Logger logger = LoggerFactory.getLogger(ServerMessages.class);

	// a script that raises a notice per row must not flood the log
	private static final int MAX_PER_STATEMENT = 100;

	private ServerMessages() {
	}

	/** Logs and clears the statement's warnings; a driver that cannot read them loses nothing else. */
	static void log(Statement statement, MigrationVersion version, String script, int line) {
		String where = ((version != null) ? "Migration " + version + ", " : "") + Path.of(script).getFileName() + ":" + line;
		try {
			SQLWarning warning = statement.getWarnings();
			int count = 0;
			while (warning != null) {
				if (count++ < MAX_PER_STATEMENT) {
					logger.info("{}: {}: {}", where, severity(warning), warning.getMessage());
				}
				warning = warning.getNextWarning();
			}
			if (count > MAX_PER_STATEMENT) {
				logger.info("{}: {} more messages from the database not shown", where, count - MAX_PER_STATEMENT);
			}
			statement.clearWarnings();
		}
		catch (SQLException ex) {
			logger.debug("Could not read the database's messages for {}: {}", where, ex.getMessage());
		}
	}

	/** SQLSTATE class 00 is a notice (PostgreSQL's NOTICE, INFO, LOG); anything else a warning. */
	static String severity(SQLWarning warning) {
		String state = warning.getSQLState();
		return (state != null && state.startsWith("00")) ? "NOTICE" : "WARNING";
	}

}
