package dev.migrator.maven;

import java.nio.file.Path;

/**
 * A SQLite URL whose file is relative: the JDBC driver would take it from the folder {@code mvn}
 * runs in, which in a multi-module build is not the module's; the plugin takes it from the project's folder.
 */
final class SqliteUrl {

	private static final String PREFIX = "jdbc:sqlite:";

	private SqliteUrl() {
	}

	static String underBasedir(String url, Path basedir) {
		if (url == null || !url.startsWith(PREFIX)) {
			return url;
		}
		String rest = url.substring(PREFIX.length());
		int query = rest.indexOf('?');
		String file = (query >= 0) ? rest.substring(0, query) : rest;
		// in-memory databases and file: URIs say where they are themselves
		if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:") || Path.of(file).isAbsolute()) {
			return url;
		}
		return PREFIX + basedir.resolve(file).toAbsolutePath().normalize() + ((query >= 0) ? rest.substring(query) : "");
	}

}
