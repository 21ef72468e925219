package dev.migrator.core.api;

/** The database's own consistency check after a run that changed it. */
public enum IntegrityCheck {

	/** No check. */
	NONE,

	/** A fast check (SQLite {@code PRAGMA quick_check}); the default. */
	QUICK,

	/** A thorough check (SQLite {@code PRAGMA integrity_check}), slower on large databases. */
	FULL

}
