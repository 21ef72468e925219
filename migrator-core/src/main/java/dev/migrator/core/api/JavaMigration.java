package dev.migrator.core.api;

/**
 * A migration written in Java, for changes SQL cannot express well (data reshaping, calls to code).
 * Register instances or classes with the builder, or declare them as Spring beans with the starter.
 * Rollback is available when the class overrides {@link #down(MigrationContext)}.
 */
public interface JavaMigration {

	/** The version, digits with optional dots, e.g. {@code "4"} or {@code "1.2.0"}. */
	String version();

	/** What the migration does, shown in history and logs. */
	String description();

	/** Applies the change. */
	void up(MigrationContext context) throws Exception;

	/**
	 * Undoes {@link #up(MigrationContext)}. Override it to make the migration roll back-able; the
	 * default has none, and a rollback over this version is refused up front.
	 */
	default void down(MigrationContext context) throws Exception {
		throw new UnsupportedOperationException("migration " + version() + " has no down");
	}

	/**
	 * Checks the change before it commits; {@code false} rolls the migration back.
	 */
	default boolean verify(MigrationContext context) throws Exception {
		return true;
	}

}
