package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.migrator.core.api.MigratorException;

/**
 * The files of {@code classpath:} locations as a migration index lists them, each found by its name:
 * no folder is listed, which a native image cannot do. The set of migrations is the one the index was
 * written for (Spring AOT processing, at build time); each file is still opened, read and hashed
 * wherever a start reads the files.
 */
final class IndexedListing {

	private static final String STRAY = "stray:";

	private final String resource;

	private final Set<Location> locations = new LinkedHashSet<>();

	private final List<String> names = new ArrayList<>();

	private IndexedListing(String resource) {
		this.resource = resource;
	}

	/** The listing of the index at {@code resource}, which must be on the class path once. */
	static IndexedListing read(String resource, ClassLoader classLoader) {
		IndexedListing listing = new IndexedListing(resource);
		for (String line : MigrationIndexFile.lines(resource, classLoader)) {
			String[] field = line.split("\t", -1);
			if (field[0].equals("location")) {
				listing.locations.add(Location.parse(MigrationIndexFile.decode(field[1])));
			}
			else if (field[0].equals("file")) {
				listing.names.add(MigrationIndexFile.decode(field[1]));
			}
		}
		return listing;
	}

	/** Whether the index lists this location's files. */
	boolean covers(Location location) {
		return location.kind() == Location.Kind.CLASSPATH && !location.path().isEmpty()
				&& this.locations.contains(location);
	}

	/** The listed files named like migrations but without the .sql extension, below the location. */
	List<String> strays(Location location) {
		List<String> strays = new ArrayList<>();
		for (String name : this.names) {
			if (name.startsWith(STRAY) && below(name.substring(STRAY.length()), location)) {
				strays.add(name.substring(STRAY.length()));
			}
		}
		return strays;
	}

	/** The listed scripts below the location, each copy of a name the class path holds. */
	List<ScriptResource> scripts(Location location, ClassLoader classLoader) {
		List<ScriptResource> found = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String name : this.names) {
			if (name.startsWith(STRAY) || !below(name, location) || !seen.add(name)) {
				continue;
			}
			try {
				List<URL> copies = Collections.list(classLoader.getResources(name));
				if (copies.isEmpty()) {
					throw new MigratorException(name + ": is listed by the migration index " + this.resource
							+ " but is not on the class path; build the application again (its AOT processing writes"
							+ " the index), or restore the file");
				}
				for (URL url : copies) {
					found.add(script(name, url));
				}
			}
			catch (IOException | URISyntaxException ex) {
				throw new MigratorException("Could not read " + name + " (listed by the migration index "
						+ this.resource + "): " + ex.getMessage(), ex);
			}
		}
		return found;
	}

	private static boolean below(String name, Location location) {
		return name.startsWith(location.path() + "/");
	}

	private static ScriptResource script(String name, URL url) throws IOException, URISyntaxException {
		String fileName = name.substring(name.lastIndexOf('/') + 1);
		if (url.getProtocol().equals("file")) {
			Path file = Path.of(url.toURI());
			return new ScriptResource(name, fileName, file.toString(), Files.size(file), () -> Files.newInputStream(file));
		}
		// a jar's entry or a native image's resource: read now, so that no jar is left open
		URLConnection connection = url.openConnection();
		connection.setUseCaches(false);
		try (InputStream in = connection.getInputStream()) {
			return ScriptResource.of(name, fileName, url.toString(), in.readAllBytes());
		}
	}

}
