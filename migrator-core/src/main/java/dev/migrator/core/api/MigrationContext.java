package dev.migrator.core.api;

import java.sql.Connection;

/** What a {@link JavaMigration} gets to work with. */
public interface MigrationContext {

	/**
	 * The connection the migration runs on, inside the migration's transaction. Do not commit,
	 * roll back or close it: the engine does that together with the history row. Those calls
	 * ({@code commit()}, {@code rollback()}, {@code setAutoCommit(true)}, {@code close()}) throw an
	 * {@link java.sql.SQLException}, which fails the migration and rolls it back whole.
	 */
	Connection connection();

}
