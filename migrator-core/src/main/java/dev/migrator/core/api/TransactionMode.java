package dev.migrator.core.api;

/** How pending migrations are grouped into transactions. */
public enum TransactionMode {

	/** Each migration commits with its history row on its own (the default). */
	PER_MIGRATION,

	/** All pending migrations commit together, or none does. */
	ALL

}
