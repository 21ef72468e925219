package dev.migrator.core.internal.sql;

import static dev.migrator.core.internal.sql.SplitBothWays.drain;
import static dev.migrator.core.internal.sql.SplitBothWays.sqlOf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Throws generated and mutated scripts at a splitter for a time budget and checks, for each one,
 * what must hold for any input: the splitter returns or throws its own {@link SqlSplitException}
 * and nothing else, finishes within a time bound, agrees with its streaming form, returns clean
 * statements found in the script, and splits its own statements, joined again, into the same
 * statements. Scripts built from known statements must split into exactly those.
 *
 * <p>Hand-written, coverage-less and seeded rather than Jazzer: Jazzer 0.30 runs on JUnit 6, but
 * in fuzzing mode it fuzzes one {@code @FuzzTest} per JVM and skips the others (we tried), needs
 * {@code JAZZER_FUZZ} in the environment, and otherwise only replays saved inputs; a fixed budget
 * per dialect in the ordinary suite is what we need. Input {@code n} is built from seed
 * {@code migrator.fuzz.seed + n} alone, so a failure reproduces from its seed
 * ({@code -Dmigrator.fuzz.seed=N}); the input is also saved under {@code target/fuzz/}.
 *
 * <p>Settings: {@code migrator.fuzz.seconds} (budget per dialect, default 1; 120 under
 * {@code -Preliability}), {@code migrator.fuzz.inputSeconds} (bound per input, default 30, far above a busy machine's pauses: the
 * splitter is linear and inputs are a few hundred chars, so only a hang comes near it).
 */
final class SplitterFuzzing {

	/**
	 * What a dialect gives the fuzzer.
	 *
	 * @param name the dialect's name in reports and saved inputs
	 * @param splitter the splitter under test
	 * @param tokens fragments that mean something to this dialect's tokenizer
	 * @param validScript a valid script and the statements it was built from
	 * @param join the statements joined into one script that must split into them again
	 */
	record Dialect(String name, StatementSplitter splitter, String[] tokens,
			Function<Random, SqliteScriptGenerator.Generated> validScript, Function<List<String>, String> join) {
	}

	/** The figures of one run. */
	record Report(String dialect, long inputs, double seconds, long parseErrors, List<String> failures) {

		String line() {
			return String.format(java.util.Locale.ROOT, "RELIABILITY fuzz | %s, %d inputs tried, %.1f s, %d parse errors, %d failures",
					this.dialect, this.inputs, this.seconds, this.parseErrors, this.failures.size());
		}
	}

	/** One input, and the statements it must split into when it was built from them (else null). */
	record Input(String text, List<SqlStatement> expected) {
	}

	private static final int MAX_FAILURES = 5;

	private static final String[] COMMON_TOKENS = {";", ";", "'", "''", "\"", "--", "-- x\n", "/*", "*/", "/* c */",
		"\n", "\r\n", "\r", " ", "\t", "BEGIN", "END", "CASE", "WHEN", "begin", "end;", "CREATE", "TRIGGER", "SELECT",
		"x", "new.end", ".", "1", "(", ")", "\\", "\uFEFF", "é", "$", "E'", "e"};

	private static final char[] ANY_CHARS = {'\0', '\uFEFF', '\uD800', '\uDC00', 'é', '\u2028', '\\', '\u000B', '\f'};

	private final Dialect dialect;

	private final Duration budget;

	private final Duration inputBound;

	private final long seedBase;

	private final Path saveTo;

	/** Fuzzes with the budget from the system properties, prints the figures, fails on any failure. */
	static void fuzz(Dialect dialect) throws InterruptedException {
		Report report = new SplitterFuzzing(dialect).run();
		System.out.println(report.line());
		if (!report.failures().isEmpty()) {
			throw new AssertionError(report.line() + "\n" + String.join("\n", report.failures()));
		}
		if (report.inputs() == 0) {
			throw new AssertionError("no input was tried: is migrator.fuzz.seconds above zero?");
		}
	}

	/** Common tokens plus the dialect's own. */
	static String[] tokens(String... dialectTokens) {
		List<String> all = new ArrayList<>(List.of(COMMON_TOKENS));
		all.addAll(List.of(dialectTokens));
		return all.toArray(String[]::new);
	}

	/**
	 * Statements each ended by {@code ;} and a line break, the way a script file holds them. The
	 * delimiter touches the statement, so a final MySQL {@code --} stays an operator, as it was.
	 */
	static String joinWithSemicolons(List<String> statements) {
		return joinWith(";", statements);
	}

	static String joinWith(String delimiter, List<String> statements) {
		StringBuilder script = new StringBuilder();
		for (String statement : statements) {
			script.append(statement).append(delimiter).append('\n');
		}
		return script.toString();
	}

	SplitterFuzzing(Dialect dialect) {
		this(dialect, Duration.ofMillis((long) (Double.parseDouble(System.getProperty("migrator.fuzz.seconds", "1")) * 1000)),
				Duration.ofMillis((long) (Double.parseDouble(System.getProperty("migrator.fuzz.inputSeconds", "30")) * 1000)),
				Long.getLong("migrator.fuzz.seed", 0L), Path.of("target", "fuzz"));
	}

	SplitterFuzzing(Dialect dialect, Duration budget, Duration inputBound, long seedBase, Path saveTo) {
		this.dialect = dialect;
		this.budget = budget;
		this.inputBound = inputBound;
		this.seedBase = seedBase;
		this.saveTo = saveTo;
	}

	/**
	 * Fuzzes until the budget is spent, a hang is seen or {@value #MAX_FAILURES} inputs failed.
	 * The loop runs on a daemon thread watched from this one, so a hang is reported, not waited for.
	 */
	Report run() throws InterruptedException {
		AtomicLong inputs = new AtomicLong();
		AtomicLong parseErrors = new AtomicLong();
		AtomicReference<String> current = new AtomicReference<>();
		AtomicLong currentSeed = new AtomicLong();
		AtomicLong currentStarted = new AtomicLong(System.nanoTime());
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		long started = System.nanoTime();
		long deadline = started + this.budget.toNanos();
		Thread worker = new Thread(() -> {
			for (long seed = this.seedBase; System.nanoTime() < deadline && failures.size() < MAX_FAILURES; seed++) {
				Input generated = input(new Random(seed));
				String input = generated.text();
				currentSeed.set(seed);
				current.set(input);
				currentStarted.set(System.nanoTime());
				try {
					if (!check(generated, seed)) {
						parseErrors.incrementAndGet();
					}
				}
				catch (Throwable ex) {
					failures.add(save(seed, input, ex));
				}
				current.set(null);
				inputs.incrementAndGet();
			}
		}, "splitter-fuzz-" + this.dialect.name());
		worker.setDaemon(true);
		worker.start();
		while (worker.isAlive()) {
			worker.join(100);
			String input = current.get();
			if (input != null && worker.isAlive() && System.nanoTime() - currentStarted.get() > this.inputBound.toNanos()) {
				long seed = currentSeed.get();
				if (input == current.get() && seed == currentSeed.get()) {
					worker.interrupt();
					failures.add(save(seed, input, new AssertionError("no answer within " + this.inputBound.toMillis()
							+ " ms: the splitter hangs on this input")));
					break;
				}
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Report(this.dialect.name(), inputs.get(), seconds, parseErrors.get(), List.copyOf(failures));
	}

	/**
	 * Checks every property on one input.
	 *
	 * @return true if the input split, false if it was rejected with our parse error
	 */
	boolean check(Input generated, long seed) {
		String input = generated.text();
		List<SqlStatement> expected = generated.expected();
		StatementSplitter splitter = this.dialect.splitter();
		Random random = new Random(~seed);
		List<SqlStatement> whole;
		try {
			whole = splitter.split(input);
		}
		catch (SqlSplitException ex) {
			SqlSplitException streamed = null;
			try {
				drain(splitter.statements(ChunkedReader.randomChunks(input, seed, 1 + random.nextInt(16)), 1,
						1 + random.nextInt(64)));
			}
			catch (SqlSplitException streamedEx) {
				streamed = streamedEx;
			}
			require(streamed != null, "split rejected the script but streaming accepted it");
			require(streamed.getMessage().equals(ex.getMessage()) && streamed.line() == ex.line(),
					"streaming failed differently: " + streamed.line() + ": " + streamed.getMessage() + " vs " + ex.line()
							+ ": " + ex.getMessage());
			require(ex.line() >= 1 && ex.line() <= SqliteScriptGenerator.lineAt(input, input.length()),
					"error line " + ex.line() + " is outside the script");
			require(ex.getMessage() != null && !ex.getMessage().isBlank(), "parse error without a message");
			require(expected == null, "a valid generated script was rejected: " + ex.line() + ": " + ex.getMessage());
			return false;
		}
		List<SqlStatement> streamed = drain(splitter.statements(
				ChunkedReader.randomChunks(input, seed, 1 + random.nextInt(16)), 1, 1 + random.nextInt(64)));
		require(streamed.equals(whole), "streaming split differently: " + streamed + " vs " + whole);
		int lastLine = SqliteScriptGenerator.lineAt(input, input.length());
		int previousLine = 1;
		for (SqlStatement statement : whole) {
			String sql = statement.sql();
			require(!sql.isEmpty() && !isSqlWhitespace(sql.charAt(0)) && !isSqlWhitespace(sql.charAt(sql.length() - 1)),
					"statement not trimmed: " + escape(sql));
			require(input.contains(sql), "statement is not text of the script: " + escape(sql));
			require(statement.line() >= previousLine && statement.line() <= lastLine,
					"statement line " + statement.line() + " out of order or outside the script");
			previousLine = statement.line();
		}
		List<String> once = sqlOf(whole);
		String joined = this.dialect.join().apply(once);
		List<String> twice;
		try {
			twice = sqlOf(splitter.split(joined));
		}
		catch (SqlSplitException ex) {
			throw new AssertionError("its own statements, joined again, were rejected: " + ex.line() + ": "
					+ ex.getMessage() + " in " + escape(joined), ex);
		}
		require(twice.equals(once), "round trip changed the statements: " + twice + " vs " + once);
		if (expected != null) {
			require(whole.equals(expected), "valid generated script split into " + whole + " instead of " + expected);
		}
		return true;
	}

	/** One input: random chars, token soup, a valid script, or a mutated valid script. */
	Input input(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> new Input(randomChars(random), null);
			case 1, 2 -> new Input(tokenSoup(random), null);
			case 3 -> {
				SqliteScriptGenerator.Generated valid = this.dialect.validScript().apply(random);
				yield new Input(valid.script(), valid.statements());
			}
			default -> new Input(mutate(this.dialect.validScript().apply(random).script(), random), null);
		};
	}

	private static String randomChars(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(200);
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(4);
			if (kind == 0) {
				text.append((char) random.nextInt(Character.MAX_VALUE + 1));
			}
			else if (kind == 1) {
				text.append(ANY_CHARS[random.nextInt(ANY_CHARS.length)]);
			}
			else {
				text.append((char) (' ' + random.nextInt(95)));
				if (random.nextInt(10) == 0) {
					text.append('\n');
				}
			}
		}
		return text.toString();
	}

	private String tokenSoup(Random random) {
		String[] tokens = this.dialect.tokens();
		StringBuilder soup = new StringBuilder();
		int count = random.nextInt(80);
		for (int i = 0; i < count; i++) {
			soup.append(tokens[random.nextInt(tokens.length)]);
			if (random.nextInt(3) == 0) {
				soup.append(random.nextInt(4) == 0 ? "\n" : " ");
			}
		}
		return soup.toString();
	}

	private String mutate(String script, Random random) {
		StringBuilder text = new StringBuilder(script);
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
			switch (random.nextInt(6)) {
				case 0 -> text.setLength(at); // truncation
				case 1 -> { // duplication of a slice
					int end = Math.min(text.length(), at + random.nextInt(40));
					text.insert(at, text.substring(at, end));
				}
				case 2 -> { // swap two slices
					int a = random.nextInt(text.length() + 1);
					int b = random.nextInt(text.length() + 1);
					int from = Math.min(a, b);
					int to = Math.max(a, b);
					int middle = from + (to - from) / 2;
					String first = text.substring(from, middle);
					String second = text.substring(middle, to);
					text.replace(from, to, second + first);
				}
				case 3 -> text.insert(at, "'\"`[]$\\".charAt(random.nextInt(7))); // a quote char
				case 4 -> { // delete a slice
					int end = Math.min(text.length(), at + random.nextInt(10));
					text.delete(at, end);
				}
				default -> text.insert(at, this.dialect.tokens()[random.nextInt(this.dialect.tokens().length)]);
			}
		}
		return text.toString();
	}

	private String save(long seed, String input, Throwable failure) {
		String summary = this.dialect.name() + " seed " + seed + ": " + failure;
		try {
			Files.createDirectories(this.saveTo);
			String base = this.dialect.name() + "-seed-" + seed;
			// getBytes replaces a lone surrogate with '?'; the .txt keeps the exact input, escaped
			Files.write(this.saveTo.resolve(base + ".sql"), input.getBytes(StandardCharsets.UTF_8));
			Files.writeString(this.saveTo.resolve(base + ".txt"), summary + "\ninput (Java-escaped): \""
					+ escape(input) + "\"\n", StandardCharsets.UTF_8);
			return summary + " (input saved to " + this.saveTo.resolve(base + ".txt").toAbsolutePath() + ")";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whitespace as SQL lexers see it: ASCII only (plus the BOM, which the splitter skips), so a
	 * U+2028 is part of a word, as in SQLite, PostgreSQL and MySQL, though Java's strip() drops it.
	 */
	private static boolean isSqlWhitespace(char c) {
		return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\u000B' || c == '\uFEFF';
	}

	private static void require(boolean holds, String what) {
		if (!holds) {
			throw new AssertionError(what);
		}
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : Objects.requireNonNull(text).toCharArray()) {
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '"' -> escaped.append("\\\"");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (c < ' ' || c > '~') {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
