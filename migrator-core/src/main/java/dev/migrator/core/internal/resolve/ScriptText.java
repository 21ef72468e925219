package dev.migrator.core.internal.resolve;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration file's text cut into its parts: the up script, optional {@code -- migrate:down} and
 * {@code -- migrate:verify} sections, the directives of each part's leading comments, and a
 * description from a leading comment line.
 */
record ScriptText(SqlScript up, SqlScript down, SqlScript verify, String leadingDescription,
		Prerequisites prerequisites) {

	ScriptText(SqlScript up, SqlScript down, SqlScript verify, String leadingDescription) {
		this(up, down, verify, leadingDescription, Prerequisites.NONE);
	}

	static final String NO_TRANSACTION = "no-transaction";

	static final String LOCK_TIMEOUT = "lock-timeout";

	static final String STATEMENT_TIMEOUT = "statement-timeout";

	static final String REQUIRES = "requires";

	static final String PRECONDITION = "precondition";

	/** {@code on-fail=refuse} or {@code on-fail=skip} before a precondition's query. */
	private static final Pattern ON_FAIL = Pattern.compile("on-fail\\s*=\\s*(\\S*)\\s*(.*)", Pattern.CASE_INSENSITIVE);

	private static final Pattern SECTION = Pattern.compile("\\s*--\\s*migrate:(\\w+)\\s*", Pattern.CASE_INSENSITIVE);

	private static final Pattern DIRECTIVE = Pattern.compile("\\s*--\\s*migrator:(\\S*).*", Pattern.CASE_INSENSITIVE);

	/** {@code migrator:name} or {@code migrator:name=value}, spaces allowed around the '='. */
	private static final Pattern NAME_AND_VALUE = Pattern
		.compile("\\s*--\\s*migrator:([^\\s=]*)\\s*(?:=\\s*(\\S*))?.*", Pattern.CASE_INSENSITIVE);

	/** A duration as PostgreSQL writes one: 500ms, 5s, 2min or 2m, 1h; or 0 for none. */
	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|min|m|h)?", Pattern.CASE_INSENSITIVE);

	/**
	 * Decodes strict UTF-8 without a byte-order mark; a problem is recorded for anything else. The
	 * check decodes into a small buffer it reuses, and the text is then made by {@code new String},
	 * which stores a script of ASCII or Latin-1 characters one byte each: a decoder's own result
	 * would hold two bytes per character first.
	 */
	static String decode(ScriptResource resource, List<String> problems) {
		byte[] bytes = resource.bytes();
		int nul = indexOfNul(bytes);
		if (nul >= 0) {
			problems.add(nulByte(resource.name(), lineAt(bytes, nul)));
			return null;
		}
		if (isAscii(bytes)) {
			// valid UTF-8 as it is, and decoded without a decoder: most scripts, at every start
			return new String(bytes, StandardCharsets.US_ASCII);
		}
		int bad = firstBadByte(bytes);
		if (bad >= 0) {
			problems.add(resource.name() + ":" + lineAt(bytes, bad) + ": is not valid UTF-8 (bad bytes at offset " + bad
					+ "); save the file as UTF-8");
			return null;
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	private static int indexOfNul(byte[] bytes) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A NUL byte ends the SQL text in the databases' C APIs (SQLite ran half a statement and failed
	 * as "the prepared statement has been finalized"): a script holding one is refused when read.
	 */
	static String nulByte(String name, int line) {
		return name + ":" + line + ": holds a NUL byte (\\0), which no database takes in SQL text; remove it (a file"
				+ " saved as UTF-16, or binary data pasted in, has them), and write binary values as literals such as"
				+ " X'00'";
	}

	private static boolean isAscii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}

	/** The offset of the first byte that is not UTF-8, or -1 when all are. */
	private static int firstBadByte(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(8192);
		for (;;) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError()) {
				return in.position();
			}
			if (result.isUnderflow()) {
				return -1;
			}
			out.clear();
		}
	}

	/** The 1-based line of a byte offset: a line feed is one byte in UTF-8 and in every encoding a script may be in by mistake. */
	private static int lineAt(byte[] bytes, int offset) {
		int line = 1;
		for (int i = 0; i < offset && i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

	/**
	 * Cuts a file into sections. Directives in the file's leading comments apply to every section;
	 * a section's own leading comments may add more.
	 */
	static ScriptText parse(String name, String text, List<String> problems, List<String> warnings) {
		if (!mentionsMarker(text)) {
			// no section marker and no directive can be in it: the whole file is the up script
			return new ScriptText(Directives.NONE.script(name, text, 1), null, null, description(text));
		}
		List<int[]> lines = lineBounds(text);
		int[] starts = { 0, -1, -1 };
		int[] firstLines = { 1, -1, -1 };
		int current = 0;
		for (int i = 0; i < lines.size(); i++) {
			if (!isComment(text, lines.get(i))) {
				continue;
			}
			String line = text.substring(lines.get(i)[0], lines.get(i)[1]);
			Matcher section = SECTION.matcher(line);
			if (!section.matches()) {
				continue;
			}
			String kind = section.group(1).toLowerCase(Locale.ROOT);
			int index = switch (kind) {
				case "up" -> 0;
				case "down" -> 1;
				case "verify" -> 2;
				default -> -2;
			};
			if (index == -2) {
				problems.add(name + ":" + (i + 1) + ": unknown section '-- migrate:" + section.group(1)
						+ "'; use -- migrate:down or -- migrate:verify");
				continue;
			}
			if (index == 0) {
				if (current != 0 || hasSql(text.substring(0, lines.get(i)[0]))) {
					problems.add(name + ":" + (i + 1)
							+ ": '-- migrate:up' must come first; put the up SQL before the down and verify sections");
				}
				starts[0] = (i + 1 < lines.size()) ? lines.get(i + 1)[0] : text.length();
				firstLines[0] = i + 2;
				continue;
			}
			if (starts[index] >= 0) {
				problems.add(name + ":" + (i + 1) + ": a second '-- migrate:" + kind + "' section; keep one");
				continue;
			}
			starts[index] = (i + 1 < lines.size()) ? lines.get(i + 1)[0] : text.length();
			firstLines[index] = i + 2;
			current = index;
		}
		String[] parts = new String[3];
		for (int index = 0; index < 3; index++) {
			if (starts[index] < 0) {
				continue;
			}
			int end = text.length();
			for (int other = 0; other < 3; other++) {
				if (other != index && starts[other] > starts[index]) {
					end = Math.min(end, lineStartBefore(text, starts[other]));
				}
			}
			parts[index] = text.substring(starts[index], end);
		}
		List<Prerequisites.Required> requires = new ArrayList<>();
		List<Prerequisites.Precondition> preconditions = new ArrayList<>();
		Directives file = Directives.NONE
			.and(leadingDirectives(name, parts[0], firstLines[0], problems, requires, preconditions, null));
		warnMisplacedDirectives(name, text, lines, starts, firstLines, warnings);
		SqlScript up = file.script(name, parts[0], firstLines[0]);
		SqlScript down = section(name, parts[1], firstLines[1], file, problems);
		SqlScript verify = section(name, parts[2], firstLines[2], file, problems);
		return new ScriptText(up, down, verify, description(text),
				(requires.isEmpty() && preconditions.isEmpty()) ? Prerequisites.NONE
						: new Prerequisites(requires, preconditions));
	}

	/**
	 * The up script of a file streamed from its source ({@link LargeScript}), with the directives of
	 * its leading comments.
	 * @param header the file's leading lines, up to its first statement, joined with {@code \n}
	 */
	static SqlScript streamedScript(String name, String header, SqlScript.Source source, List<String> problems) {
		Directives directives = Directives.NONE.and(leadingDirectives(name, header, 1, problems, null, null,
				"is not read in a file this large, which is streamed as it runs; split the file, or check by hand"));
		return new SqlScript(name, null, 1, !directives.noTransaction(), directives.lockTimeout(),
				directives.statementTimeout(), source);
	}

	/** Whether a stripped line is a section marker, e.g. {@code -- migrate:down}. */
	static boolean isSection(String line) {
		return SECTION.matcher(line).matches();
	}

	/** Whether a stripped line is a directive, e.g. {@code -- migrator:no-transaction}. */
	static boolean isDirective(String line) {
		return DIRECTIVE.matcher(line).matches();
	}

	static boolean isSectionOrDirective(String line) {
		return isSection(line) || isDirective(line);
	}

	/**
	 * Whether the text holds anything but comments and white space. A scan that stops at the first
	 * SQL character: every start asks this of every script, and a script almost always starts with SQL.
	 */
	static boolean hasSql(String text) {
		int i = 0;
		int length = text.length();
		while (i < length) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (text.startsWith("--", i)) {
				while (i < length && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
					i++;
				}
			}
			else if (text.startsWith("/*", i)) {
				int end = text.indexOf("*/", i + 2);
				if (end < 0) {
					// an unclosed comment is not a comment: what follows is text to run, and fail on
					return true;
				}
				i = end + 2;
			}
			else {
				return true;
			}
		}
		return false;
	}

	private static SqlScript section(String name, String text, int firstLine, Directives file, List<String> problems) {
		if (text == null) {
			return null;
		}
		return file.and(leadingDirectives(name, text, firstLine, problems, null, null,
				"applies to the whole migration; put it in the file's leading comments, before the up SQL"))
			.script(name, text, firstLine);
	}

	/**
	 * @param requires where requires and precondition directives go, or null where they are refused,
	 * with {@code notHere} saying why
	 */
	private static Directives leadingDirectives(String name, String text, int firstLine, List<String> problems,
			List<Prerequisites.Required> requires, List<Prerequisites.Precondition> preconditions, String notHere) {
		Directives directives = new Directives(false, null, null);
		// Only the leading comments count: the lines are cut as they are read, up to the first statement.
		int next = 0;
		for (int i = 0; next <= text.length(); i++) {
			int end = next;
			while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
				end++;
			}
			String line = text.substring(next, end).strip();
			next = (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n') ? end + 2 : end + 1;
			if (line.isEmpty()) {
				continue;
			}
			if (!line.startsWith("--")) {
				break;
			}
			if (!DIRECTIVE.matcher(line).matches()) {
				continue;
			}
			Matcher directive = NAME_AND_VALUE.matcher(line);
			directive.matches();
			String where = name + ":" + (firstLine + i) + ": ";
			String key = directive.group(1).toLowerCase(Locale.ROOT);
			String value = directive.group(2);
			switch (key) {
				case NO_TRANSACTION -> {
					if (value != null) {
						problems.add(where + "directive migrator:" + NO_TRANSACTION + " takes no value; write it alone");
					}
					directives = new Directives(true, directives.lockTimeout(), directives.statementTimeout());
				}
				case LOCK_TIMEOUT -> directives = new Directives(directives.noTransaction(),
						duration(where, key, value, problems), directives.statementTimeout());
				case STATEMENT_TIMEOUT -> directives = new Directives(directives.noTransaction(),
						directives.lockTimeout(), duration(where, key, value, problems));
				case REQUIRES, PRECONDITION -> {
					String rest = line.substring(line.toLowerCase(Locale.ROOT).indexOf("migrator:") + 9 + key.length())
						.strip();
					if (requires == null) {
						problems.add(where + "directive migrator:" + key + " " + notHere);
					}
					else if (key.equals(REQUIRES)) {
						requires(where, rest, firstLine + i, requires, problems);
					}
					else {
						precondition(where, rest, firstLine + i, preconditions, problems);
					}
				}
				default -> problems.add(where + "unknown directive 'migrator:" + directive.group(1)
						+ "'; the known directives are -- migrator:no-transaction, -- migrator:lock-timeout=<duration>,"
						+ " -- migrator:statement-timeout=<duration>, -- migrator:requires <version>[, <version>...]"
						+ " and -- migrator:precondition [on-fail=refuse|skip] <query>");
			}
		}
		return directives;
	}

	private static void requires(String where, String rest, int line, List<Prerequisites.Required> requires,
			List<String> problems) {
		String versions = rest.startsWith("=") ? rest.substring(1).strip() : rest;
		if (versions.isEmpty()) {
			problems.add(where + "directive migrator:requires needs the versions it requires, e.g."
					+ " -- migrator:requires 003, 005");
			return;
		}
		for (String version : versions.split("[,\\s]+")) {
			if (version.isEmpty()) {
				continue;
			}
			try {
				requires.add(new Prerequisites.Required(dev.migrator.core.api.MigrationVersion.parse(version), line));
			}
			catch (IllegalArgumentException ex) {
				problems.add(where + "directive migrator:requires names '" + version + "', which is not a version;"
						+ " write versions such as 003 or 1.2, separated by commas");
			}
		}
	}

	private static void precondition(String where, String rest, int line,
			List<Prerequisites.Precondition> preconditions, List<String> problems) {
		boolean skip = false;
		String query = rest;
		Matcher onFail = ON_FAIL.matcher(rest);
		if (onFail.matches()) {
			String value = onFail.group(1).toLowerCase(Locale.ROOT);
			if (!value.equals("refuse") && !value.equals("skip")) {
				problems.add(where + "directive migrator:precondition has on-fail=" + onFail.group(1)
						+ "; write on-fail=refuse (the default) or on-fail=skip");
				return;
			}
			skip = value.equals("skip");
			query = onFail.group(2).strip();
		}
		if (query.isEmpty()) {
			problems.add(where + "directive migrator:precondition needs a query whose one row's first column is true,"
					+ " e.g. -- migrator:precondition SELECT count(*) = 0 FROM legacy_users");
			return;
		}
		// a trailing semicolon is habit, and a JDBC driver may refuse it
		query = query.endsWith(";") ? query.substring(0, query.length() - 1).strip() : query;
		preconditions.add(new Prerequisites.Precondition(query, skip, line));
	}

	private static Duration duration(String where, String key, String value, List<String> problems) {
		Matcher matcher = (value != null) ? DURATION.matcher(value) : null;
		if (matcher == null || !matcher.matches() || (matcher.group(2) == null && !matcher.group(1).matches("0+"))) {
			problems.add(where + "directive migrator:" + key + " needs a duration such as 500ms, 5s, 2min or 1h (0 for"
					+ " none), not " + ((value == null || value.isEmpty()) ? "nothing" : "'" + value + "'"));
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2).toLowerCase(Locale.ROOT) : "ms";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "min", "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofHours(amount);
		};
	}

	/**
	 * The directives of a file's or section's leading comments; a section's own add to, and override,
	 * the file's. Null timeouts were not given.
	 */
	private record Directives(boolean noTransaction, Duration lockTimeout, Duration statementTimeout) {

		static final Directives NONE = new Directives(false, null, null);

		Directives and(Directives more) {
			return new Directives(this.noTransaction || more.noTransaction,
					(more.lockTimeout != null) ? more.lockTimeout : this.lockTimeout,
					(more.statementTimeout != null) ? more.statementTimeout : this.statementTimeout);
		}

		SqlScript script(String name, String text, int firstLine) {
			return new SqlScript(name, text, firstLine, !this.noTransaction, this.lockTimeout, this.statementTimeout);
		}

	}

	private static void warnMisplacedDirectives(String name, String text, List<int[]> lines, int[] starts,
			int[] firstLines, List<String> warnings) {
		boolean[] inHeader = new boolean[lines.size()];
		for (int index = 0; index < 3; index++) {
			if (starts[index] < 0) {
				continue;
			}
			for (int i = firstLines[index] - 1; i < lines.size(); i++) {
				String line = text.substring(lines.get(i)[0], lines.get(i)[1]).strip();
				if (!line.isEmpty() && !line.startsWith("--")) {
					break;
				}
				inHeader[i] = true;
			}
		}
		for (int i = 0; i < lines.size(); i++) {
			if (inHeader[i] || !isComment(text, lines.get(i))) {
				continue;
			}
			String line = text.substring(lines.get(i)[0], lines.get(i)[1]);
			if (DIRECTIVE.matcher(line).matches()) {
				warnings.add(name + ":" + (i + 1) + ": directive '" + line.strip()
						+ "' has no effect here; directives belong in the comments before the first statement");
			}
		}
	}

	static String description(String text) {
		int end = text.indexOf('\n');
		String first = (end < 0 ? text : text.substring(0, end)).strip();
		if (!first.startsWith("--") || SECTION.matcher(first).matches() || DIRECTIVE.matcher(first).matches()) {
			return null;
		}
		String description = first.substring(2).strip();
		return description.isEmpty() ? null : description;
	}

	/**
	 * Whether {@code migrate:} or {@code migrator:} appears, in any case: every section marker and
	 * directive holds one, and most scripts hold neither, so most are cut without looking at lines.
	 * Found from the colons, which SQL scripts have few of.
	 */
	private static boolean mentionsMarker(String text) {
		for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
			if (endsWithIgnoringCase(text, colon, "migrate") || endsWithIgnoringCase(text, colon, "migrator")) {
				return true;
			}
		}
		return false;
	}

	private static boolean endsWithIgnoringCase(String text, int end, String word) {
		int start = end - word.length();
		return start >= 0 && text.regionMatches(true, start, word, 0, word.length());
	}

	/**
	 * Whether the line starts with {@code --} after white space: only such a line can be a section
	 * marker or a directive. Checked before any pattern, since a start reads every line of every file.
	 */
	private static boolean isComment(String text, int[] line) {
		int i = line[0];
		while (i < line[1] && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i + 1 < line[1] && text.charAt(i) == '-' && text.charAt(i + 1) == '-';
	}

	/** [start, end) of every line, without its terminator; \r\n, \r and \n each end a line. */
	private static List<int[]> lineBounds(String text) {
		List<int[]> bounds = new ArrayList<>();
		int start = 0;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r') {
				bounds.add(new int[] { start, i });
				i += (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? 2 : 1;
				start = i;
			}
			else {
				i++;
			}
		}
		bounds.add(new int[] { start, text.length() });
		return bounds;
	}

	/** The start of the line before {@code offset}'s line: where the section marker line begins. */
	private static int lineStartBefore(String text, int offset) {
		int markerEnd = offset;
		// step back over the line break that ends the marker line, then to the marker line's start
		if (markerEnd > 0 && text.charAt(markerEnd - 1) == '\n') {
			markerEnd--;
		}
		if (markerEnd > 0 && text.charAt(markerEnd - 1) == '\r') {
			markerEnd--;
		}
		int start = markerEnd;
		while (start > 0 && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != '\r') {
			start--;
		}
		return start;
	}

}
