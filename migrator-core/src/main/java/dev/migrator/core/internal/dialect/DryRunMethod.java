package dev.migrator.core.internal.dialect;

/** How a dialect shows what a run would do without changing the database. */
public enum DryRunMethod {

	/** The run works on a throwaway copy of the database (SQLite: a file copied with the backup API). */
	COPY,

	/**
	 * The run works on the database itself inside one transaction that is rolled back at the end:
	 * needs transactional DDL, and refuses {@code -- migrator:no-transaction} migrations.
	 */
	ROLLED_BACK_TRANSACTION,

	/** Neither is possible: DDL commits on its own, and there is no way to copy the database. */
	UNSUPPORTED

}
