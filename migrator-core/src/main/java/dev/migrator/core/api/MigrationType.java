package dev.migrator.core.api;

/** How a migration is written. */
public enum MigrationType {

	/** A SQL script. */
	SQL,

	/** A class implementing {@link JavaMigration}. */
	JAVA,

	/** A baseline marker: the database was already at this version when Migrator took over. */
	BASELINE,

	/** A repeatable SQL script (Flyway's {@code R__views.sql}): no version, run again whenever it changes. */
	REPEATABLE

}
