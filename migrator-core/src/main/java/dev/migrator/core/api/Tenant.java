package dev.migrator.core.api;

import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * One of many databases, or schemas of one PostgreSQL database, that get the same migrations: a
 * tenant of a multi-tenant application, a shard. Each is migrated as a single migrate would: its own
 * lock, history and backups.
 *
 * @param name how reports and logs name it; letters, digits, {@code _}, {@code -} and {@code .},
 * since it also names the tenant's backup folder when a backup directory is configured
 * @param dataSource where it is
 * @param schema the schema that holds its tables and history (PostgreSQL), or null for the
 * configured one (or the connection's current schema)
 */
public record Tenant(String name, DataSource dataSource, String schema) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

	public Tenant {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new MigratorException("Invalid tenant name '" + name + "': use letters, digits, '_', '-' and '.',"
					+ " starting with a letter or digit, at most 63 characters (it names the tenant's backup folder)");
		}
		Objects.requireNonNull(dataSource, () -> "tenant '" + name + "' needs a DataSource");
	}

	/** A tenant with a database of its own. */
	public static Tenant of(String name, DataSource dataSource) {
		return new Tenant(name, dataSource, null);
	}

	/** A tenant that is one schema of a shared database. */
	public static Tenant inSchema(String name, DataSource dataSource, String schema) {
		return new Tenant(name, dataSource, Objects.requireNonNull(schema, "schema"));
	}

}
