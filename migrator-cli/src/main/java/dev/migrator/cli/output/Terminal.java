package dev.migrator.cli.output;

import java.io.PrintStream;
import java.util.function.UnaryOperator;

/**
 * Where output goes and how it looks. Reports go to stdout, warnings and errors to stderr. Colour
 * and the progress bar appear only on an interactive terminal (plain lines in CI logs and pipes),
 * never with {@code NO_COLOR} set (unless {@code --color=always}), never in JSON mode.
 */
public final class Terminal {

	private static final String RESET = "\u001b[0m";

	private final PrintStream out;

	private final PrintStream err;

	private final boolean interactive;

	private final boolean colour;

	private final boolean json;

	private final boolean quiet;

	private final int verbosity;

	private final PrintStream jsonOut;

	private final UnaryOperator<String> jsonValues;

	private final UnaryOperator<String> words;

	public Terminal(PrintStream out, PrintStream err, boolean interactive, boolean colour, boolean json, boolean quiet,
			int verbosity) {
		this(out, err, interactive, colour, json, quiet, verbosity, out, UnaryOperator.identity(), UnaryOperator.identity());
	}

	/**
	 * @param jsonOut where the JSON document goes: stdout without the text mask, which could
	 * break the document (a password {@code 1} inside {@code "version": "1"})
	 * @param jsonValues what each string value of the document passes through (the mask)
	 * @param words what every line and string value passes through first: the engine's Java words
	 * put in the command line's
	 */
	public Terminal(PrintStream out, PrintStream err, boolean interactive, boolean colour, boolean json, boolean quiet,
			int verbosity, PrintStream jsonOut, UnaryOperator<String> jsonValues, UnaryOperator<String> words) {
		this.jsonOut = jsonOut;
		this.jsonValues = (text) -> jsonValues.apply(words.apply(text));
		this.words = words;
		this.out = out;
		this.err = err;
		this.interactive = interactive;
		this.colour = colour && !json;
		this.json = json;
		this.quiet = quiet;
		this.verbosity = verbosity;
	}

	/**
	 * Whether a person is watching: stdin and stdout on a terminal. Java 22+ returns a console for
	 * redirected streams too and says whether it is a terminal with {@code isTerminal()}, which is
	 * asked for where it exists (this jar targets Java 17, so by name).
	 */
	public static boolean isInteractive() {
		java.io.Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			return true;
		}
	}

	/** Whether colour is wanted by default: on a terminal that is not dumb, and without NO_COLOR. */
	public static boolean colourByDefault(boolean interactive, String noColor, String term) {
		return interactive && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
	}

	public boolean json() {
		return this.json;
	}

	public boolean interactive() {
		return this.interactive;
	}

	public int verbosity() {
		return this.verbosity;
	}

	/** Whether run progress is shown: not in JSON mode, not when quiet. */
	public boolean showsProgress() {
		return !this.json && !this.quiet;
	}

	/** A line of the command's report, on stdout; reports are what was asked for, so even --quiet keeps them. */
	public void report(String line) {
		this.out.println(this.words.apply(line));
	}

	/** A line that tells what happened; --quiet and --json leave it out. */
	public void info(String line) {
		if (!this.quiet && !this.json) {
			this.out.println(this.words.apply(line));
		}
	}

	/** A warning on stderr; --quiet leaves it out (JSON carries warnings in the document). */
	public void warn(String message) {
		if (!this.quiet && !this.json) {
			this.err.println(yellow("warning: ") + this.words.apply(message));
		}
	}

	/** An error on stderr, always (in JSON mode the document carries it as well). */
	public void error(String message) {
		this.err.println(red("error: ") + this.words.apply(message));
	}

	/** A hint after an error: what to do next. */
	public void hint(String message) {
		if (!this.json) {
			this.err.println(dim("hint: ") + this.words.apply(message));
		}
	}

	/** The JSON document, on stdout. */
	public void json(JsonObject document) {
		this.out.flush();
		this.jsonOut.println(JsonText.of(document, this.jsonValues));
		this.jsonOut.flush();
	}

	/** Raw text on stdout without a new line, for the progress bar. */
	void draw(String text) {
		this.out.print(text);
		this.out.flush();
	}

	public String bold(String text) {
		return style("1", text);
	}

	public String dim(String text) {
		return style("2", text);
	}

	public String red(String text) {
		return style("31", text);
	}

	public String green(String text) {
		return style("32", text);
	}

	public String yellow(String text) {
		return style("33", text);
	}

	public String cyan(String text) {
		return style("36", text);
	}

	private String style(String code, String text) {
		return (this.colour && !text.isEmpty()) ? "\u001b[" + code + "m" + text + RESET : text;
	}

}
