package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;

/**
 * Finds the {@code .sql} files below a location, recursively: directories on disk, directories
 * on the classpath, and directories inside jars (including Spring Boot's nested jars, which
 * register their own {@code jar:} handler). {@code .SQL} in another case counts, so that the
 * resolver can say the name is wrong; a file that is named like a migration but has another
 * extension ({@code 2_tags.txt}, {@code 2_tags.sql.bak}) is noted, so it is not skipped in silence.
 */
final class LocationScanner {

	private static final String SQL_SUFFIX = ".sql";

	/** A name that starts like a versioned migration, {@code <version>_<something>}. */
	private static final Pattern VERSIONED_NAME = Pattern.compile("\\d+(?:\\.\\d+)*_.+");

	private final ClassLoader classLoader;

	private final List<String> notSql = new ArrayList<>();

	private final List<String> changelogs = new ArrayList<>();

	/** Liquibase's XML, YAML and JSON changelogs, which Migrator does not read. */
	private static final Pattern CHANGELOG = Pattern.compile("(?i).*change-?log.*\\.(xml|ya?ml|json)");

	/** Lists classpath locations the index covers from it, when there is one; null: folders are listed. */
	private final IndexedListing listing;

	private LocationScanner(ClassLoader classLoader, IndexedListing listing) {
		this.classLoader = classLoader;
		this.listing = listing;
	}

	/** The scanner of a configuration: with its location index, when it names one. */
	static LocationScanner of(Configuration configuration) {
		IndexedListing listing = (configuration.locationIndex() != null)
				? IndexedListing.read(configuration.locationIndex(), configuration.classLoader()) : null;
		return new LocationScanner(configuration.classLoader(), listing);
	}

	/** The files named like migrations but without the .sql extension, of every scan so far. */
	List<String> notSql() {
		return this.notSql;
	}

	/** The Liquibase changelogs (XML, YAML, JSON) of every scan so far. */
	List<String> changelogs() {
		return this.changelogs;
	}

	/** The scripts below the location, sorted by name; an empty list for an absent classpath location. */
	List<ScriptResource> scan(Location location) {
		List<ScriptResource> found;
		if (this.listing != null && this.listing.covers(location)) {
			found = this.listing.scripts(location, this.classLoader);
			this.notSql.addAll(this.listing.strays(location));
		}
		else {
			found = (location.kind() == Location.Kind.FILESYSTEM) ? scanFilesystem(location) : scanClasspath(location);
		}
		found.sort(BY_NAME_THEN_ORIGIN);
		return found;
	}

	/** Scan order; a plain class, not a chain of lambdas an up-to-date start would link first. */
	private static final Comparator<ScriptResource> BY_NAME_THEN_ORIGIN = new ByNameThenOrigin();

	private static final class ByNameThenOrigin implements Comparator<ScriptResource> {

		@Override
		public int compare(ScriptResource a, ScriptResource b) {
			int byName = a.name().compareTo(b.name());
			return (byName != 0) ? byName : a.origin().compareTo(b.origin());
		}

	}

	private List<ScriptResource> scanFilesystem(Location location) {
		Path root = Path.of(location.path());
		if (!Files.isDirectory(root)) {
			throw new MigratorException("Migration location " + location + " does not exist or is not a directory"
					+ resolvedTo(root) + ": create it, or correct the location (migrator.locations)");
		}
		List<ScriptResource> found = new ArrayList<>();
		new FilesystemWalk(root, location, this::isSql).run(found);
		return found;
	}

	/**
	 * What a filesystem location is where it is not what it says (a link, a relative path): for
	 * messages. Only filesystem locations are described (a classpath one is what it says).
	 */
	static String describe(Location location) {
		String resolved = resolvedTo(Path.of(location.path()));
		return location + resolved;
	}

	private static String resolvedTo(Path path) {
		try {
			Path real = path.toRealPath();
			return real.equals(path) ? "" : " (resolved to " + real + ")";
		}
		catch (IOException ex) {
			if (Files.isSymbolicLink(path)) {
				try {
					return " (a symbolic link to " + Files.readSymbolicLink(path) + ", which does not exist)";
				}
				catch (IOException unreadable) {
					return " (a symbolic link that cannot be read)";
				}
			}
			return "";
		}
	}

	private List<ScriptResource> scanClasspath(Location location) {
		List<ScriptResource> found = new ArrayList<>();
		try {
			List<URL> urls = Collections.list(this.classLoader.getResources(location.path()));
			if (urls.isEmpty() && !location.path().isEmpty()) {
				// Some jars are built without directory entries (by some build tools and by shading):
				// the class loader then cannot find the folder, though its files are there.
				scanJarsWithoutFolderEntries(location, found);
			}
			for (URL url : urls) {
				switch (url.getProtocol()) {
					case "file" -> walk(Path.of(url.toURI()), location, found);
					case "jar" -> scanJar(url, location, found);
					default -> throw new MigratorException("Cannot list migrations at " + url + " (protocol '"
							+ url.getProtocol() + "') for location " + location
							+ ": put the migrations in a directory or jar, or use a filesystem: location");
				}
			}
		}
		catch (IOException ex) {
			throw new MigratorException("Could not read migration location " + location + ": " + ex.getMessage(), ex);
		}
		catch (URISyntaxException ex) {
			throw new MigratorException("Could not read migration location " + location + ": " + ex.getMessage(), ex);
		}
		return found;
	}

	private void walk(Path root, Location location, List<ScriptResource> found) {
		String displayRoot = location.path();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				// The attributes the walk reads anyway say what a file is and how large: no second stat per file.
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					// a link to a file counts as the file
					boolean link = attributes.isSymbolicLink();
					if (link && !Files.exists(file)) {
						// as in a filesystem location: a migration that is not there is never passed over in silence
						throw new MigratorException("Migration location " + location + ": " + file
								+ " is a symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist;"
								+ " restore the file it points at, or remove the link");
					}
					if (!(link ? Files.isRegularFile(file) : attributes.isRegularFile())) {
						return FileVisitResult.CONTINUE;
					}
					String name = join(displayRoot, root.relativize(file).toString());
					if (isSql(file.getFileName().toString(), name)) {
						found.add(new ScriptResource(name, file.getFileName().toString(), file.toString(),
								link ? size(file) : attributes.size(), () -> Files.newInputStream(file)));
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException | UncheckedIOException ex) {
			throw new MigratorException("Could not read migrations below " + root + ": " + ex.getMessage(), ex);
		}
	}

	private void scanJar(URL url, Location location, List<ScriptResource> found) throws IOException {
		URLConnection connection = url.openConnection();
		if (!(connection instanceof JarURLConnection jarConnection)) {
			throw new MigratorException("Cannot list migrations in " + url + " for location " + location);
		}
		// Without caches the JarFile is ours to close, and no stale copy of a rebuilt jar is served.
		jarConnection.setUseCaches(false);
		try (JarFile jar = jarConnection.getJarFile()) {
			scanEntries(jar, url.toString(), jarConnection.getEntryName() + "/", location, found);
		}
	}

	/**
	 * The fallback when the class loader finds no folder for a location: every jar the class
	 * loader sees (by its manifest) is searched for files whose names start with the folder's.
	 * Only then, so that a start-up with the folder found reads no other jar.
	 */
	private void scanJarsWithoutFolderEntries(Location location, List<ScriptResource> found) throws IOException {
		Set<String> roots = new LinkedHashSet<>();
		String manifest = "META-INF/MANIFEST.MF";
		for (URL manifestUrl : Collections.list(this.classLoader.getResources(manifest))) {
			String text = manifestUrl.toString();
			if ("jar".equals(manifestUrl.getProtocol()) && text.endsWith("!/" + manifest)) {
				roots.add(text.substring(0, text.length() - manifest.length()));
			}
		}
		// a jar without a manifest either, named by the URL class loaders that load it
		for (ClassLoader loader = this.classLoader; loader != null; loader = loader.getParent()) {
			if (loader instanceof URLClassLoader urlLoader) {
				for (URL url : urlLoader.getURLs()) {
					if ("file".equals(url.getProtocol()) && url.getPath().endsWith(".jar")) {
						roots.add("jar:" + url + "!/");
					}
				}
			}
		}
		for (String text : roots) {
			URL root = new URL(text);
			if (!(root.openConnection() instanceof JarURLConnection jarConnection)) {
				continue;
			}
			jarConnection.setUseCaches(false);
			try (JarFile jar = jarConnection.getJarFile()) {
				scanEntries(jar, root + location.path(), location.path() + "/", location, found);
			}
		}
	}

	private void scanEntries(JarFile jar, String url, String prefix, Location location, List<ScriptResource> found)
			throws IOException {
		Enumeration<JarEntry> entries = jar.entries();
		while (entries.hasMoreElements()) {
			JarEntry entry = entries.nextElement();
			String name = entry.getName();
			if (entry.isDirectory() || !name.startsWith(prefix)) {
				continue;
			}
			String relative = name.substring(prefix.length());
			String entryName = join(location.path(), relative);
			if (isSql(fileName(name), entryName)) {
				String origin = url + "/" + relative;
				if (entry.getSize() > LargeScript.THRESHOLD_BYTES) {
					// read again from the jar when it runs, rather than held in memory
					URL entryUrl = new URL(origin);
					found.add(new ScriptResource(entryName, fileName(name), origin, entry.getSize(), () -> {
						URLConnection entryConnection = entryUrl.openConnection();
						entryConnection.setUseCaches(false);
						return entryConnection.getInputStream();
					}));
					continue;
				}
				try (InputStream in = jar.getInputStream(entry)) {
					found.add(ScriptResource.of(entryName, fileName(name), origin, in.readAllBytes()));
				}
			}
		}
	}

	/** Whether the file is a script; if not but named like a migration, it is noted. */
	private boolean isSql(String fileName, String displayName) {
		if (fileName.regionMatches(true, fileName.length() - SQL_SUFFIX.length(), SQL_SUFFIX, 0, SQL_SUFFIX.length())) {
			return true;
		}
		if (VERSIONED_NAME.matcher(fileName).matches()) {
			this.notSql.add(displayName);
		}
		else if (CHANGELOG.matcher(fileName).matches()) {
			this.changelogs.add(displayName);
		}
		return false;
	}

	private static long size(Path path) {
		try {
			return Files.size(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String join(String root, String relative) {
		String normalized = relative.replace('\\', '/');
		return root.isEmpty() ? normalized : root + "/" + normalized;
	}

	private static String fileName(String entryName) {
		return entryName.substring(entryName.lastIndexOf('/') + 1);
	}

}
