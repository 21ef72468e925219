package dev.migrator.core.internal.resolve;

/**
 * A way of naming and writing migration files: Migrator's own, or another tool's, read as it is.
 * A location holds one; {@code compatibleWith} says which may share one (dbmate's one-file markers
 * are Migrator's own).
 */
public enum Convention {

	MIGRATOR("migrator", "<version>_<description>.sql, with .down.sql / .verify.sql or -- migrate:down"),

	DBMATE("dbmate", "<version>_<name>.sql with -- migrate:up / -- migrate:down"),

	FLYWAY("Flyway", "V<version>__<description>.sql, U<version>__<description>.sql as the down"),

	GOLANG_MIGRATE("golang-migrate", "<version>_<name>.up.sql + <version>_<name>.down.sql"),

	DIESEL("diesel", "<timestamp>_<name>/up.sql + down.sql"),

	GOOSE("goose", "<version>_<name>.sql with -- +goose Up / -- +goose Down"),

	SQL_MIGRATE("sql-migrate", "<version>_<name>.sql with -- +migrate Up / -- +migrate Down"),

	LIQUIBASE_SQL("Liquibase formatted SQL", "--liquibase formatted sql, then --changeset author:id blocks");

	private final String displayName;

	private final String naming;

	Convention(String displayName, String naming) {
		this.displayName = displayName;
		this.naming = naming;
	}

	/** The name users know the tool by. */
	public String displayName() {
		return this.displayName;
	}

	/** How its files are named and marked, for messages. */
	String naming() {
		return this.naming;
	}

	/** Whether files of both conventions may share a location. */
	boolean compatibleWith(Convention other) {
		return this == other || (family() == other.family());
	}

	private int family() {
		return (this == DBMATE) ? MIGRATOR.ordinal() : ordinal();
	}

	@Override
	public String toString() {
		return this.displayName;
	}

}
