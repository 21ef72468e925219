package dev.migrator.core.internal.sql;

/**
 * What a statement does to the transaction it runs in, as the dialect's splitter reads its first
 * words. Only whole statements are classified: a {@code COMMIT} inside a string, a comment, a
 * dollar quote or the body of a function, trigger or procedure is part of another statement.
 */
public enum TransactionControl {

	/** Runs inside the transaction like any other statement. */
	NONE,

	/** Starts a transaction: {@code BEGIN}, {@code START TRANSACTION}. */
	BEGIN,

	/** Ends the transaction keeping its work: {@code COMMIT}, {@code END}. */
	COMMIT,

	/**
	 * Ends the transaction another way, or changes how transactions work on the connection:
	 * {@code ROLLBACK}, {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}, MySQL
	 * {@code SET autocommit}, {@code XA}, {@code LOCK TABLES}.
	 */
	OTHER,

	/**
	 * Controls none, but cannot run inside a transaction: PostgreSQL {@code CREATE/DROP INDEX
	 * CONCURRENTLY}, {@code VACUUM}, {@code ALTER SYSTEM}, ...; SQLite {@code VACUUM}.
	 */
	OUTSIDE_ONLY;

	/** Whether the statement starts, ends or otherwise controls a transaction. */
	public boolean controls() {
		return this == BEGIN || this == COMMIT || this == OTHER;
	}

}
