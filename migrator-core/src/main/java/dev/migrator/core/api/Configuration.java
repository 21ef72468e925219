package dev.migrator.core.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The engine's settings, immutable. Built with {@code Migrator.configure()}; the defaults are the
 * constants below, which the Spring Boot properties mirror.
 *
 * @param dataSource where to migrate
 * @param locations where migrations are found, {@code classpath:} or {@code filesystem:}
 * @param classLoader the class loader for {@code classpath:} locations
 * @param javaMigrations Java migrations registered in code
 * @param table the history table's name; the log is {@code <table>_log}, the lock {@code <table>_lock}
 * @param outOfOrder whether a pending migration below the current version may be applied
 * @param transactionMode one transaction per migration, or one for all pending
 * @param failOnStrayFiles whether a {@code .sql} file that matches no naming pattern is an error
 * (otherwise a warning)
 * @param ignoreMissingMigrations whether an applied migration no longer in the code is only a
 * warning (otherwise validation fails)
 */
public record Configuration(DataSource dataSource, List<String> locations, ClassLoader classLoader,
		List<JavaMigration> javaMigrations, String table, boolean outOfOrder, TransactionMode transactionMode,
		boolean failOnStrayFiles, boolean ignoreMissingMigrations) {

	/** The default location of migration scripts. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	/** The default name of the history table. */
	public static final String DEFAULT_TABLE = "schema_migrations";

	/** The default transaction mode. */
	public static final TransactionMode DEFAULT_TRANSACTION_MODE = TransactionMode.PER_MIGRATION;

	// A plain identifier, short enough for every supported database (PostgreSQL allows 63 bytes and
	// "_lock" is appended); anything else could smuggle SQL in through configuration.
	private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,57}");

	public Configuration {
		Objects.requireNonNull(dataSource, "dataSource is required: call dataSource(...) or url(...) on the builder");
		locations = List.copyOf(locations);
		javaMigrations = List.copyOf(javaMigrations);
		Objects.requireNonNull(classLoader, "classLoader");
		Objects.requireNonNull(transactionMode, "transactionMode");
		if (table == null || !PLAIN_IDENTIFIER.matcher(table).matches()) {
			throw new MigratorException("Invalid history table name '" + table
					+ "': use a plain SQL identifier (letters, digits and underscores, not starting with a digit, at most 58 characters)");
		}
	}

	/** The name of the append-only log table. */
	public String logTable() {
		return this.table + "_log";
	}

	/** The name of the lock table. */
	public String lockTable() {
		return this.table + "_lock";
	}

}
