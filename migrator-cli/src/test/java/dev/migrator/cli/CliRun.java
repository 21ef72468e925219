package dev.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
	private static final List<String> COVERAGE_AGENT = coverageAgent(
			System.getProperty("migrator.cli.coverage-agent", ""));

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
		command.addAll(COVERAGE_AGENT);
		command.add("-jar");
		command.add(JAR.toAbsolutePath().toString());
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
	 * A class-data archive of the jar (CDS), made once per test JVM by one real {@code migrate} and
	 * then mapped by every child instead of loading and verifying the same classes again: about a
	 * third less CPU per child on this suite's hundreds of runs. Only start-up changes; a child that
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
				Path migrations = Files.createDirectories(dir.resolve("migrations"));
				Files.writeString(migrations.resolve("001_warm_up.sql"), "CREATE TABLE warm_up (id INTEGER);\n");
				Files.writeString(migrations.resolve("001_warm_up.down.sql"), "DROP TABLE warm_up;\n");
				Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + archive,
						"-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", JAR.toAbsolutePath().toString(),
						"--url", "jdbc:sqlite:" + dir.resolve("warm-up.db"), "--locations", migrations.toString(),
						"migrate")
					.directory(dir.toFile())
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.start();
				boolean done = process.waitFor(120, TimeUnit.SECONDS);
				if (!done) {
					process.destroyForcibly();
				}
				if (!done || process.exitValue() != 0 || !Files.isRegularFile(archive)) {
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

		private static void deleteQuietly(Path dir) {
			try (var paths = Files.walk(dir)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException | RuntimeException ex) {
				// a temporary folder: the system cleans it up anyway
			}
		}

	}

	private static List<String> coverageAgent(String option) {
		String trimmed = option.strip();
		// unset (blank) or not interpolated (failsafe run without the jacoco plugin's goal)
		if (trimmed.isEmpty() || trimmed.startsWith("${")) {
			return List.of();
		}
		// the plugin quotes the whole option when a path has a space in it
		if (trimmed.length() > 1 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1);
		}
		return List.of(trimmed);
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
