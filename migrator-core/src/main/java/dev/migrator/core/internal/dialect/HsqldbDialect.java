package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.internal.sql.HsqldbStatementSplitter;
import dev.migrator.core.internal.sql.StatementSplitter;

/** HSQLDB, in memory ({@code jdbc:hsqldb:mem:}), in files or as a server: see {@link JvmDatabaseDialect}. */
final class HsqldbDialect extends JvmDatabaseDialect {

	HsqldbDialect(Connection connection, Configuration configuration) throws SQLException {
		super(connection, configuration);
	}

	@Override
	public String name() {
		return "HSQLDB";
	}

	@Override
	boolean inMemory(String url) {
		return url.startsWith("jdbc:hsqldb:mem:");
	}

	@Override
	public StatementSplitter splitter() {
		return new HsqldbStatementSplitter();
	}

}
