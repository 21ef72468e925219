package dev.migrator.benchmarks.startup;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The class path of each variant's child JVM, cut from the benchmark's own: a real application has
 * Spring Boot, its JDBC starter, the drivers and its own classes, plus at most one migration tool; it
 * has none of the benchmark's JMH, chart, embedded-PostgreSQL or peer-tool jars. An allow-list rather
 * than a deny-list, so a jar added to the module later cannot creep into the start-up figures
 * unnoticed: a child missing something fails to start, loudly.
 */
public final class StartupClassPath {

	/** Every variant's application has these (artifact names, or prefixes ending in '-'). */
	private static final Set<String> APPLICATION = Set.of("spring-", "micrometer-observation", "micrometer-commons",
			"jspecify", "commons-logging", "logback-classic", "logback-core", "log4j-to-slf4j", "log4j-api",
			"jul-to-slf4j", "slf4j-api", "jakarta.annotation-api", "snakeyaml", "HikariCP", "sqlite-jdbc", "postgresql",
			"checker-qual",
			// the benchmarks module's own classes directory, where the application's main class is
			"benchmarks");

	private static final Pattern VERSION_SUFFIX = Pattern.compile("-\\d[^/]*\\.jar$");

	private final List<String> entries;

	public StartupClassPath(List<String> entries) {
		this.entries = List.copyOf(entries);
	}

	/** The class path this JVM runs with (Surefire's real one when under a test). */
	public static StartupClassPath current() {
		String surefire = System.getProperty("surefire.test.class.path");
		String classPath = (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
		return new StartupClassPath(List.of(classPath.split(File.pathSeparator)));
	}

	/** The entries {@code variant}'s application has, in the original order. */
	public List<String> forVariant(StartupVariant variant) {
		Set<String> others = new LinkedHashSet<>();
		for (StartupVariant other : EnumSet.complementOf(EnumSet.of(variant))) {
			others.addAll(other.artifacts());
		}
		List<String> kept = new ArrayList<>();
		for (String entry : this.entries) {
			String artifact = artifact(entry);
			if (others.contains(artifact)) {
				continue;
			}
			if (variant.artifacts().contains(artifact) || isApplication(artifact)) {
				kept.add(entry);
			}
		}
		return kept;
	}

	/** What no variant gets: shown once, so a reader sees what was cut. */
	public List<String> droppedFromAll() {
		Set<String> kept = new LinkedHashSet<>();
		for (StartupVariant variant : StartupVariant.values()) {
			kept.addAll(forVariant(variant));
		}
		return this.entries.stream().filter((entry) -> !kept.contains(entry)).map(StartupClassPath::artifact).toList();
	}

	public String joined(StartupVariant variant) {
		return String.join(File.pathSeparator, forVariant(variant));
	}

	/**
	 * A jar's artifact name ({@code HikariCP-7.0.2.jar} is {@code HikariCP}); a reactor module's
	 * classes directory ({@code .../migrator-core/target/classes}) is its module's name; test classes
	 * are nobody's application.
	 */
	public static String artifact(String entry) {
		Path path = Path.of(entry).toAbsolutePath();
		String name = (path.getFileName() != null) ? path.getFileName().toString() : entry;
		if (name.endsWith(".jar")) {
			return VERSION_SUFFIX.matcher(name).replaceFirst("");
		}
		boolean classes = name.equals("classes") && path.getParent() != null
				&& path.getParent().getFileName().toString().equals("target") && path.getParent().getParent() != null;
		if (classes) {
			return path.getParent().getParent().getFileName().toString();
		}
		return entry;
	}

	private static boolean isApplication(String artifact) {
		for (String allowed : APPLICATION) {
			if (allowed.endsWith("-") ? artifact.startsWith(allowed) : artifact.equals(allowed)) {
				return true;
			}
		}
		return false;
	}

}
