package dev.migrator.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SQLite URL whose file is relative: the JDBC driver would take it from the folder {@code mvn}
 * runs in, which in a multi-module build is not the module's; the plugin takes it from the project's folder.
 */
final class SqliteUrl {

	private static final String PREFIX = "jdbc:sqlite:";

	private SqliteUrl() {
	}

	/**
	 * Creates the folder of a SQLite file that migrate will create ({@code target/} before anything
	 * else of the build made it): SQLite creates the file, not its folder.
	 */
	static void createFolderOf(String url) throws IOException {
		Path file = file(url);
		if (file != null && file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
	}

	private static Path file(String url) {
		if (url == null || !url.startsWith(PREFIX)) {
			return null;
		}
		String rest = url.substring(PREFIX.length());
		int query = rest.indexOf('?');
		String file = (query >= 0) ? rest.substring(0, query) : rest;
		return (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) ? null : Path.of(file);
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
