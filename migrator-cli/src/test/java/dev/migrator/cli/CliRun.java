package dev.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.OfflineInstrumentationAccessGenerator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs the real shaded jar in a child JVM, as an operator would: {@code java -jar migrator-cli.jar ...}
 * in a working directory, with a clean environment plus what the test sets.
 */
final class CliRun {

	private static final Path JAR = Path.of(System.getProperty("migrator.cli.jar", "target/migrator-cli.jar"));

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * The JaCoCo agent's option for the children (the build's {@code prepare-agent-integration} goal
	 * gives it; empty when coverage is off): every run of the jar adds what it executed to one data
	 * file, so the module's coverage counts the code these tests reach through the real jar.
	 */
	private static final String COVERAGE_AGENT = coverageAgent(System.getProperty("migrator.cli.coverage-agent", ""));

	private final Path workingDirectory;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final List<String> prefix = new ArrayList<>();

	CliRun(Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	/** Sets an environment variable of the child. */
	CliRun env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	/** Runs the command line under {@code script}, so it has a real terminal. */
	CliRun onTerminal() {
		this.prefix.addAll(List.of("script", "-qec"));
		return this;
	}

	/** Runs the jar with these arguments and waits for it. */
	Result run(String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// start-up speed only: the tests start many short-lived JVMs
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
		command.addAll(ClassArchive.options());
		command.addAll(NativeSqlite.options());
		command.addAll(Coverage.get().options());
		command.add("-jar");
		command.add(Coverage.get().jar().toAbsolutePath().toString());
		command.addAll(List.of(args));
		if (!this.prefix.isEmpty()) {
			List<String> quoted = command.stream().map(CliRun::shellQuoted).toList();
			command = new ArrayList<>(this.prefix);
			command.add(String.join(" ", quoted));
			command.add("/dev/null");
		}
		try {
			Path out = Files.createTempFile("cli-out", ".txt");
			Path err = Files.createTempFile("cli-err", ".txt");
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
			Map<String, String> env = builder.environment();
			env.keySet().removeIf((name) -> name.startsWith("MIGRATOR_") || name.equals("NO_COLOR"));
			env.putAll(this.environment);
			Process process = builder.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("migrator " + String.join(" ", args) + " did not finish in 60 s");
			}
			Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
			Files.delete(out);
			Files.delete(err);
			return result;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A class-data archive of the jar (CDS), made once per test JVM from the classes one real
	 * {@code migrate} loads, and then mapped by every child instead of loading and verifying the same
	 * classes again: about a third less CPU per child on this suite's hundreds of runs. A static
	 * archive ({@code -Xshare:dump} from the warm-up's class list), not a dynamic one: JDK 17's
	 * dynamic archive leaves out classes older than Java 6's format, which picocli's are, so every
	 * child loaded and verified picocli's 180 classes again. Only start-up changes; a child that
	 * cannot map it (another jar, another JVM) runs as without it, and says nothing, so no output a
	 * test reads differs.
	 */
	private static final class ClassArchive {

		private static List<String> options;

		static synchronized List<String> options() {
			if (options == null) {
				options = create();
			}
			return options;
		}

		private static List<String> create() {
			try {
				Path dir = Files.createTempDirectory("cli-cds");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
				Path archive = dir.resolve("migrator-cli.jsa");
				Path classList = dir.resolve("migrator-cli.classlist");
				Path migrations = Files.createDirectories(dir.resolve("migrations"));
				Files.writeString(migrations.resolve("001_warm_up.sql"), "CREATE TABLE warm_up (id INTEGER);\n");
				Files.writeString(migrations.resolve("001_warm_up.down.sql"), "DROP TABLE warm_up;\n");
				String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
				String jar = Coverage.get().jar().toAbsolutePath().toString();
				List<String> warmUp = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
						"-XX:DumpLoadedClassList=" + classList));
				// the jar the children run (the instrumented copy under coverage), loading SQLite as they
				// do, so its classes are the archived ones; the warm-up's own coverage is not recorded
				warmUp.addAll(NativeSqlite.options());
				warmUp.addAll(Coverage.get().warmUpOptions());
				warmUp.addAll(List.of("-jar", jar, "--url", "jdbc:sqlite:" + dir.resolve("warm-up.db"), "--locations",
						migrations.toString(), "migrate"));
				if (!ranWell(warmUp, dir) || !Files.isRegularFile(classList)) {
					return List.of();
				}
				// the class path as the children's -jar gives it, so they can map the archive
				List<String> dump = List.of(java, "-XX:+UseSerialGC", "-Xshare:dump",
						"-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
						"-Xlog:cds+dynamic=off", "-cp", jar);
				if (!ranWell(dump, dir) || !Files.isRegularFile(archive)) {
					return List.of();
				}
				return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
			}
			catch (IOException ex) {
				return List.of();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return List.of();
			}
		}

		private static boolean ranWell(List<String> command, Path dir) throws IOException, InterruptedException {
			Process process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			boolean done = process.waitFor(120, TimeUnit.SECONDS);
			if (!done) {
				process.destroyForcibly();
			}
			return done && process.exitValue() == 0;
		}

		static void deleteQuietly(Path dir) {
			try (var paths = Files.walk(dir)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException | RuntimeException ex) {
				// a temporary folder: the system cleans it up anyway
			}
		}

	}

	/**
	 * The SQLite driver's native library, taken once per test JVM out of the jar the children run and
	 * given to each of them ({@code org.sqlite.lib.path}, {@code org.sqlite.lib.name}, the driver's own
	 * settings). Without them every child writes the library (1 MB) to the temporary folder and
	 * compares it with the jar's copy byte by byte before loading it: about a sixth of a short
	 * child's CPU. The same library from the same jar; a child that cannot load it from there takes
	 * the driver's usual way, so nothing a test reads differs.
	 */
	private static final class NativeSqlite {

		private static List<String> options;

		static synchronized List<String> options() {
			if (options == null) {
				options = extract();
			}
			return options;
		}

		private static List<String> extract() {
			try {
				String folder = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath();
				String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
				String entryName = (folder.startsWith("/") ? folder.substring(1) : folder) + "/" + name;
				try (ZipFile jar = new ZipFile(Coverage.get().jar().toFile())) {
					ZipEntry entry = jar.getEntry(entryName);
					if (entry == null) {
						return List.of();
					}
					Path dir = Files.createTempDirectory("cli-sqlite");
					Runtime.getRuntime().addShutdownHook(new Thread(() -> ClassArchive.deleteQuietly(dir)));
					Files.write(dir.resolve(name), jar.getInputStream(entry).readAllBytes());
					return List.of("-Dorg.sqlite.lib.path=" + dir, "-Dorg.sqlite.lib.name=" + name);
				}
			}
			catch (IOException | RuntimeException | LinkageError ex) {
				return List.of();
			}
		}

	}

	/**
	 * How the children record coverage. The build gives the JaCoCo agent's option
	 * ({@code -javaagent:<agent jar>=destfile=…,append=true,includes=dev.migrator.cli.*}); with it,
	 * every child would instrument the CLI's classes again as it loads them, about a third of each
	 * child's CPU. Instead, the classes the option includes are instrumented once, offline, into a copy
	 * of the jar that also carries the agent's runtime, and every child runs that copy with the same
	 * destination file: the same execution data, which the report matches to the unchanged classes of
	 * {@code target/classes}. Should the copy fail, the children take the agent as before.
	 */
	private record Coverage(Path jar, List<String> options, List<String> warmUpOptions) {

		private static Coverage instance;

		static synchronized Coverage get() {
			if (instance == null) {
				instance = create(COVERAGE_AGENT);
			}
			return instance;
		}

		private static Coverage create(String agentOption) {
			if (agentOption.isEmpty()) {
				return new Coverage(JAR, List.of(), List.of());
			}
			Coverage agentInEveryChild = new Coverage(JAR, List.of(agentOption), List.of());
			// -javaagent:<jar>=key=value,key=value
			String spec = agentOption.substring("-javaagent:".length());
			int jarEnd = spec.indexOf(".jar=");
			if (!agentOption.startsWith("-javaagent:") || jarEnd < 0) {
				return agentInEveryChild;
			}
			Path agentJar = Path.of(spec.substring(0, jarEnd + ".jar".length()));
			Map<String, String> agentOptions = new LinkedHashMap<>();
			for (String pair : spec.substring(jarEnd + ".jar=".length()).split(",")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					agentOptions.put(pair.substring(0, equals), pair.substring(equals + 1));
				}
			}
			String destination = agentOptions.get("destfile");
			if (destination == null) {
				return agentInEveryChild;
			}
			Pattern included = included(agentOptions.getOrDefault("includes", "*"));
			try {
				Path dir = Files.createTempDirectory("cli-coverage");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> ClassArchive.deleteQuietly(dir)));
				Path copy = dir.resolve("migrator-cli.jar");
				instrumentedCopy(JAR, agentJar, included, copy);
				return new Coverage(copy,
						List.of("-Djacoco-agent.destfile=" + destination,
								"-Djacoco-agent.append=" + agentOptions.getOrDefault("append", "true")),
						List.of("-Djacoco-agent.output=none"));
			}
			catch (IOException | RuntimeException ex) {
				return agentInEveryChild;
			}
		}

		/** JaCoCo's wildcards: {@code *} any characters, {@code ?} one, patterns separated by {@code :}. */
		private static Pattern included(String includes) {
			StringBuilder regex = new StringBuilder();
			for (String pattern : includes.split(":")) {
				if (!regex.isEmpty()) {
					regex.append('|');
				}
				for (char c : pattern.toCharArray()) {
					regex.append(switch (c) {
						case '*' -> ".*";
						case '?' -> ".";
						default -> Pattern.quote(String.valueOf(c));
					});
				}
			}
			return Pattern.compile(regex.toString());
		}

		private static void instrumentedCopy(Path jar, Path agentJar, Pattern included, Path copy) throws IOException {
			Instrumenter instrumenter = new Instrumenter(new OfflineInstrumentationAccessGenerator());
			Set<String> written = new HashSet<>();
			try (ZipFile source = new ZipFile(jar.toFile());
					ZipFile agent = new ZipFile(agentJar.toFile());
					ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
				out.setLevel(1);
				for (ZipEntry entry : Collections.list(source.entries())) {
					byte[] bytes = source.getInputStream(entry).readAllBytes();
					String name = entry.getName();
					if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
						String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
						if (included.matcher(className).matches()) {
							bytes = instrumenter.instrument(bytes, name);
						}
					}
					out.putNextEntry(new ZipEntry(name));
					out.write(bytes);
					out.closeEntry();
					written.add(name);
				}
				// the runtime the instrumented classes call (its manifest would name the agent's premain)
				for (ZipEntry entry : Collections.list(agent.entries())) {
					String name = entry.getName();
					if (name.startsWith("org/jacoco/") && written.add(name)) {
						out.putNextEntry(new ZipEntry(name));
						out.write(agent.getInputStream(entry).readAllBytes());
						out.closeEntry();
					}
				}
			}
		}

	}

	private static String coverageAgent(String option) {
		String trimmed = option.strip();
		// unset (blank) or not interpolated (failsafe run without the jacoco plugin's goal)
		if (trimmed.isEmpty() || trimmed.startsWith("${")) {
			return "";
		}
		// the plugin quotes the whole option when a path has a space in it
		if (trimmed.length() > 1 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1);
		}
		return trimmed;
	}

	private static String shellQuoted(String text) {
		return "'" + text.replace("'", "'\\''") + "'";
	}

	/** What the child did. */
	record Result(int exitCode, String stdout, String stderr) {

		/** stdout parsed as JSON (fails the test when it is not exactly one JSON document). */
		JsonNode json() {
			return JSON.readTree(this.stdout);
		}

		/** Everything it printed. */
		String output() {
			return this.stdout + this.stderr;
		}

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- stdout\n" + this.stdout + "--- stderr\n" + this.stderr;
		}

	}

}
