package dev.migrator.core.internal.jdbc;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The database file a SQLite JDBC URL names, known before connecting: sqlite-jdbc creates a missing
 * file on connect, so whoever must not create one (a read-only command) has to look first, and a
 * runner that waits for the migration lock must know the lock file without holding a connection.
 */
public final class SqliteUrl {

	private static final String PREFIX = "jdbc:sqlite:";

	private SqliteUrl() {
	}

	/**
	 * The file of a {@code jdbc:sqlite:} URL; empty for another database, an in-memory or temporary
	 * database, or a resource inside the classpath.
	 */
	public static Optional<Path> databaseFile(String url) {
		if (url == null || !url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return Optional.empty();
		}
		String rest = url.substring(PREFIX.length());
		int query = rest.indexOf('?');
		String parameters = (query >= 0) ? rest.substring(query + 1).toLowerCase(Locale.ROOT) : "";
		String name = (query >= 0) ? rest.substring(0, query) : rest;
		if (name.regionMatches(true, 0, "file:", 0, 5)) {
			name = name.substring(5);
			if (name.startsWith("//")) {
				// file:///abs/path: an empty authority
				name = name.substring(2);
			}
		}
		if (name.isEmpty() || name.startsWith(":memory:") || name.startsWith(":resource:")
				|| parameters.contains("mode=memory")) {
			return Optional.empty();
		}
		try {
			return Optional.of(Path.of(name));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The JDBC URL a DataSource connects to, where it tells: ours, and pools and drivers' DataSources
	 * with a public {@code getJdbcUrl()} (HikariCP) or {@code getUrl()} (sqlite-jdbc, Tomcat, DBCP); empty
	 * for any other.
	 */
	public static Optional<String> urlOf(DataSource dataSource) {
		if (dataSource instanceof DriverDataSource ours) {
			return Optional.of(ours.url());
		}
		for (String getter : new String[] { "getJdbcUrl", "getUrl" }) {
			try {
				Method method = dataSource.getClass().getMethod(getter);
				if (method.getReturnType() == String.class && method.getParameterCount() == 0) {
					Object url = method.invoke(dataSource);
					if (url != null) {
						return Optional.of((String) url);
					}
				}
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				// not this getter, or a DataSource that does not want to say: try the next one
			}
		}
		return Optional.empty();
	}

	/** The database file of a DataSource whose URL is known and names a SQLite file. */
	public static Optional<Path> databaseFileOf(DataSource dataSource) {
		return urlOf(dataSource).flatMap(SqliteUrl::databaseFile);
	}

}
