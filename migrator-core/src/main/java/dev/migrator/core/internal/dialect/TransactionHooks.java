package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/** A dialect's work around one migration transaction. */
public interface TransactionHooks {

	/** Runs before the transaction begins, with auto-commit still on. */
	default void beforeBegin(Connection connection) throws SQLException {
	}

	/**
	 * Runs once the transaction has begun (auto-commit off), before the migration's first statement;
	 * for a no-transaction migration, right after {@link #beforeBegin} with auto-commit on.
	 */
	default void afterBegin(Connection connection) throws SQLException {
	}

	/** Runs just before commit; an exception, whose message is shown to the user, rolls the transaction back. */
	default void beforeCommit(Connection connection) throws SQLException {
	}

	/** Runs after commit or rollback, with auto-commit on again. */
	default void afterEnd(Connection connection) throws SQLException {
	}

}
