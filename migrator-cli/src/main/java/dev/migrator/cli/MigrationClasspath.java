package dev.migrator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.migrator.core.api.JavaMigration;

/**
 * The application's code for {@code --classpath}: folders, jars and Spring Boot fat jars (their
 * {@code BOOT-INF/classes} and {@code BOOT-INF/lib}), read through one class loader, so that
 * {@code classpath:} locations find the application's scripts and its Java migrations are created
 * here, as the application would.
 *
 * <p>The loader asks the command line's own classes first: the engine's {@link JavaMigration} is the
 * one a migration implements even when the fat jar carries its own copy of migrator-core.
 *
 * <p>Every class of the application's own code (a folder, a plain jar, {@code BOOT-INF/classes}) is
 * looked at; of a fat jar's libraries only the classes that name {@link JavaMigration}, since loading
 * every class of Spring and its kind would take long and find none.
 */
final class MigrationClasspath implements AutoCloseable {

	private static final String BOOT_CLASSES = "BOOT-INF/classes/";

	private static final String BOOT_LIB = "BOOT-INF/lib/";

	private static final byte[] INTERFACE_NAME = JavaMigration.class.getName()
		.replace('.', '/')
		.getBytes(StandardCharsets.UTF_8);

	private final URLClassLoader loader;

	// where each class that may be a migration was found, in classpath order
	private final List<Candidate> candidates;

	private final Path unpacked;

	private MigrationClasspath(URLClassLoader loader, List<Candidate> candidates, Path unpacked) {
		this.loader = loader;
		this.candidates = candidates;
		this.unpacked = unpacked;
	}

	/**
	 * Reads the entries of {@code --classpath}: separated by the platform's path separator or commas,
	 * relative to the working directory.
	 *
	 * @param text the setting's value
	 * @param origin where it came from, for messages
	 */
	static MigrationClasspath open(String text, String origin) {
		List<Path> entries = new ArrayList<>();
		for (String part : text.split("[,\\" + java.io.File.pathSeparator + "]")) {
			if (!part.isBlank()) {
				entries.add(Path.of(part.strip()).toAbsolutePath().normalize());
			}
		}
		if (entries.isEmpty()) {
			throw new BadInputException("The classpath (from " + origin + ") is empty; give a folder of classes, a jar or"
					+ " the application's Spring Boot jar");
		}
		List<URL> urls = new ArrayList<>();
		List<Candidate> candidates = new ArrayList<>();
		Path unpacked = null;
		try {
			for (Path entry : entries) {
				if (Files.isDirectory(entry)) {
					urls.add(url(entry));
					candidates.addAll(classesIn(entry, entry.toString(), true));
				}
				else if (Files.isRegularFile(entry) && isJar(entry)) {
					if (isBootJar(entry)) {
						if (unpacked == null) {
							unpacked = Files.createTempDirectory("migrator-classpath");
						}
						candidates.addAll(unpackBootJar(entry, unpacked.resolve(Integer.toString(urls.size())), urls));
					}
					else {
						urls.add(url(entry));
						candidates.addAll(classesInJar(entry, entry.toString(), true));
					}
				}
				else {
					throw new BadInputException("The classpath entry " + entry + " (from " + origin + ") is "
							+ (Files.exists(entry) ? "neither a folder nor a jar" : "not there")
							+ "; give a folder of classes (target/classes), a jar or the application's Spring Boot jar");
				}
			}
		}
		catch (IOException ex) {
			delete(unpacked);
			throw new BadInputException("Cannot read the classpath (from " + origin + "): " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			delete(unpacked);
			throw ex;
		}
		URLClassLoader loader = new URLClassLoader("migrator-classpath", urls.toArray(URL[]::new),
				MigrationClasspath.class.getClassLoader());
		return new MigrationClasspath(loader, List.copyOf(candidates), unpacked);
	}

	/** The loader that {@code classpath:} locations are read through. */
	ClassLoader classLoader() {
		return this.loader;
	}

	/**
	 * Every concrete class implementing {@link JavaMigration}, created with its constructor without
	 * arguments (of any visibility: a migration that is a Spring bean is often package-private).
	 */
	List<JavaMigration> javaMigrations() {
		List<JavaMigration> migrations = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (Candidate candidate : this.candidates) {
			if (!seen.add(candidate.className())) {
				continue; // the loader finds the first one too
			}
			Class<?> type;
			try {
				type = Class.forName(candidate.className(), false, this.loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				if (candidate.namesInterface() && candidate.ownCode()) {
					throw new BadInputException("Cannot load " + candidate.className() + " (in " + candidate.origin()
							+ "), which names JavaMigration: " + ex
							+ "; add the jars it needs to --classpath, or give the application's Spring Boot jar");
				}
				continue; // needs a library not given, or is a library's helper: not a migration to run
			}
			if (!JavaMigration.class.isAssignableFrom(type) || type.isInterface()
					|| Modifier.isAbstract(type.getModifiers())) {
				continue;
			}
			migrations.add(create(type, candidate.origin()));
		}
		return migrations;
	}

	private static JavaMigration create(Class<?> type, String origin) {
		Constructor<?> constructor;
		try {
			constructor = type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw new BadInputException("The Java migration " + type.getName() + " (in " + origin + ") has no constructor"
					+ " without arguments, so the command line cannot create it; give it one (a Spring bean's"
					+ " injected collaborators are not available here)");
		}
		try {
			constructor.setAccessible(true);
			return (JavaMigration) constructor.newInstance();
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new BadInputException("Cannot create the Java migration " + type.getName() + " (in " + origin + "): "
					+ cause, ex);
		}
	}

	/** Closes the loader and deletes the unpacked fat jar. */
	@Override
	public void close() {
		try {
			this.loader.close();
		}
		catch (IOException ex) {
			// nothing is left open that matters: the process ends next
		}
		delete(this.unpacked);
	}

	private static boolean isJar(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".zip");
	}

	private static boolean isBootJar(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getEntry(BOOT_CLASSES) != null || file.getEntry(BOOT_LIB) != null
					|| file.stream().anyMatch((entry) -> entry.getName().startsWith(BOOT_CLASSES));
		}
	}

	/**
	 * A URL class loader cannot read jars inside a jar: the fat jar's classes and libraries are
	 * copied to a temporary folder, deleted when the command ends.
	 */
	private static List<Candidate> unpackBootJar(Path jar, Path target, List<URL> urls) throws IOException {
		Path classes = target.resolve("classes");
		Path lib = target.resolve("lib");
		Files.createDirectories(classes);
		Files.createDirectories(lib);
		List<Path> libraries = new ArrayList<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			Enumeration<JarEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				Path destination;
				if (name.startsWith(BOOT_CLASSES) && name.length() > BOOT_CLASSES.length()) {
					destination = classes.resolve(name.substring(BOOT_CLASSES.length())).normalize();
				}
				else if (name.startsWith(BOOT_LIB) && name.endsWith(".jar") && name.indexOf('/', BOOT_LIB.length()) < 0) {
					destination = lib.resolve(name.substring(BOOT_LIB.length())).normalize();
					libraries.add(destination);
				}
				else {
					continue;
				}
				if (!destination.startsWith(target)) {
					throw new IOException("the entry " + name + " points outside the jar");
				}
				if (entry.isDirectory()) {
					Files.createDirectories(destination);
					continue;
				}
				Files.createDirectories(destination.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		String origin = jar + "!/";
		urls.add(url(classes));
		List<Candidate> candidates = new ArrayList<>(classesIn(classes, origin + BOOT_CLASSES, true));
		libraries.sort(Comparator.naturalOrder());
		for (Path library : libraries) {
			urls.add(url(library));
			candidates.addAll(classesInJar(library, origin + BOOT_LIB + library.getFileName(), false));
		}
		return candidates;
	}

	private static List<Candidate> classesIn(Path folder, String origin, boolean ownCode) throws IOException {
		List<Candidate> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".class")).sorted().toList()) {
				String relative = folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
				addCandidate(found, relative, Files.readAllBytes(file), origin, ownCode);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return found;
	}

	private static List<Candidate> classesInJar(Path jar, String origin, boolean ownCode) throws IOException {
		List<Candidate> found = new ArrayList<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			Enumeration<JarEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
					try (InputStream in = file.getInputStream(entry)) {
						addCandidate(found, entry.getName(), in.readAllBytes(), origin, ownCode);
					}
				}
			}
		}
		return found;
	}

	private static void addCandidate(List<Candidate> found, String path, byte[] bytes, String origin, boolean ownCode) {
		if (path.equals("module-info.class") || path.endsWith("package-info.class")) {
			return;
		}
		boolean namesInterface = contains(bytes, INTERFACE_NAME);
		if (ownCode || namesInterface) {
			String className = path.substring(0, path.length() - ".class".length()).replace('/', '.');
			found.add(new Candidate(className, origin, namesInterface, ownCode));
		}
	}

	private static boolean contains(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i <= bytes.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static URL url(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void delete(Path folder) {
		if (folder == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// a temporary folder left behind is harmless
		}
	}

	/** A class that may be a migration, and where it is. */
	private record Candidate(String className, String origin, boolean namesInterface, boolean ownCode) {
	}

}
