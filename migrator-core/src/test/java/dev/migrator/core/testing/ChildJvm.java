package dev.migrator.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A test program in a separate JVM, its stdout and stderr in files (a pipe nobody reads could
 * block it). Closing kills it, so a failing test leaves no process behind.
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final Path stdout;

	private final Path stderr;

	private ChildJvm(Process process, Path stdout, Path stderr) {
		this.process = process;
		this.stdout = stdout;
		this.stderr = stderr;
	}

	/** Starts {@code main} with {@code args}, logging at INFO to its stderr. */
	public static ChildJvm start(Path outputDir, String name, Class<?> main, String... args) throws IOException {
		return start(outputDir, name, Map.of(), main, args);
	}

	/** Starts {@code main} with {@code args} and these environment variables changed. */
	public static ChildJvm start(Path outputDir, String name, Map<String, String> environment, Class<?> main,
			String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", testClassPath(),
				// a short-lived JVM: start fast rather than run fast
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=info", main.getName()));
		command.addAll(List.of(args));
		Path stdout = outputDir.resolve(name + ".out");
		Path stderr = outputDir.resolve(name + ".err");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		return new ChildJvm(process, stdout, stderr);
	}

	/**
	 * Surefire runs tests from a manifest-only jar by default, so {@code java.class.path} may hold
	 * just that jar; it passes the real test class path in {@code surefire.test.class.path}.
	 */
	private static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	public long pid() {
		return this.process.pid();
	}

	public Process process() {
		return this.process;
	}

	/** Waits for a stdout line starting with {@code prefix}; fails, showing the output, if none comes in time. */
	public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() - deadline < 0) {
			Optional<String> line = stdoutLines().stream().filter((l) -> l.startsWith(prefix)).findFirst();
			if (line.isPresent()) {
				return line.get();
			}
			if (!this.process.isAlive() && stdoutLines().stream().noneMatch((l) -> l.startsWith(prefix))) {
				break;
			}
			Thread.sleep(20);
		}
		return fail("child %d printed no line starting with '%s' within %s%n%s", pid(), prefix, timeout, output());
	}

	/** Waits for the process to end and returns its exit code; fails if it does not end in time. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			fail("child %d still running after %s%n%s", pid(), timeout, output());
		}
		return this.process.exitValue();
	}

	public List<String> stdoutLines() {
		return lines(this.stdout);
	}

	public List<String> stderrLines() {
		return lines(this.stderr);
	}

	/** Both streams, for failure messages. */
	public String output() {
		return "stdout:\n" + String.join("\n", stdoutLines()) + "\nstderr:\n" + String.join("\n", stderrLines());
	}

	private static List<String> lines(Path file) {
		try {
			return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
