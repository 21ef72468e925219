package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.internal.sql.H2StatementSplitter;
import dev.migrator.core.internal.sql.StatementSplitter;

/** H2, in memory ({@code jdbc:h2:mem:}), in files or as a server: see {@link JvmDatabaseDialect}. */
final class H2Dialect extends JvmDatabaseDialect {

	H2Dialect(Connection connection, Configuration configuration) throws SQLException {
		super(connection, configuration);
	}

	@Override
	public String name() {
		return "H2";
	}

	@Override
	boolean inMemory(String url) {
		return url.startsWith("jdbc:h2:mem:");
	}

	/**
	 * H2's driver releases a savepoint on the client side only, so releasing tells nothing; rolling back
	 * to it asks the session, which forgets its savepoints when DDL commits. Undoing the statements after
	 * it is harmless here: the failed migration's transaction is rolled back next anyway.
	 */
	@Override
	public boolean savepointStillThere(Connection connection, Savepoint mark) throws SQLException {
		connection.rollback(mark);
		return true;
	}

	@Override
	public StatementSplitter splitter() {
		return new H2StatementSplitter();
	}

}
