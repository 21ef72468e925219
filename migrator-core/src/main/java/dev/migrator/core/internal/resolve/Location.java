package dev.migrator.core.internal.resolve;

import java.util.Locale;

import dev.migrator.core.api.MigratorException;

/** A place migrations are read from: {@code classpath:db/migration} or {@code filesystem:/opt/m}. */
public record Location(Kind kind, String path) {

	public enum Kind {

		CLASSPATH, FILESYSTEM

	}

	private static final String CLASSPATH_PREFIX = "classpath:";

	private static final String FILESYSTEM_PREFIX = "filesystem:";

	/** Parses a location; with no prefix it is a classpath location, as in Flyway. */
	public static Location parse(String text) {
		if (text == null || text.isBlank()) {
			throw new MigratorException("Empty migration location: use classpath:<path> or filesystem:<path>");
		}
		String trimmed = text.trim();
		String lower = trimmed.toLowerCase(Locale.ROOT);
		if (lower.startsWith(FILESYSTEM_PREFIX)) {
			return new Location(Kind.FILESYSTEM, trimmed.substring(FILESYSTEM_PREFIX.length()));
		}
		String path = lower.startsWith(CLASSPATH_PREFIX) ? trimmed.substring(CLASSPATH_PREFIX.length()) : trimmed;
		if (path.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
			throw new MigratorException("Unsupported migration location '" + text
					+ "': use classpath:<path> or filesystem:<path>");
		}
		path = path.replace('\\', '/');
		while (path.startsWith("/")) {
			path = path.substring(1);
		}
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return new Location(Kind.CLASSPATH, path);
	}

	@Override
	public String toString() {
		return (this.kind == Kind.CLASSPATH ? CLASSPATH_PREFIX : FILESYSTEM_PREFIX) + this.path;
	}

}
