package dev.migrator.core.internal.resolve;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's {@code ${name}} placeholders, replaced in Flyway-convention scripts with the values of
 * {@code migrator.placeholders.*} and Flyway's built-ins ({@code ${flyway:defaultSchema}}, {@code ${flyway:user}},
 * {@code ${flyway:database}}, {@code ${flyway:timestamp}}, {@code ${flyway:filename}},
 * {@code ${flyway:workingDirectory}}, {@code ${flyway:table}}). The checksum is taken before they are
 * replaced, as Flyway does, so a value that differs per environment is not drift.
 */
final class Placeholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");

	private Placeholders() {
	}

	/** The script with every placeholder replaced; one with no value is a problem naming its line. */
	static SqlScript apply(SqlScript script, Function<String, String> values, String fileName, List<String> problems) {
		if (script == null || script.sql() == null || !script.sql().contains("${")) {
			return script;
		}
		String text = script.sql();
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder(text.length());
		while (matcher.find()) {
			String key = matcher.group(1);
			String value = key.equals("flyway:filename") ? fileName : values.apply(key);
			if (value == null) {
				int line = script.firstLine() + (int) text.substring(0, matcher.start()).chars().filter((c) -> c == '\n').count();
				problems.add(script.name() + ":" + line + ": placeholder ${" + key + "} has no value; set "
						+ (key.startsWith("flyway:") ? "it with migrator.placeholders.\"" + key + "\"" : "migrator.placeholders." + key)
						+ " (Builder.placeholders(...))");
				matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
				continue;
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return new SqlScript(script.name(), out.toString(), script.firstLine(), script.transactional(),
				script.lockTimeout(), script.statementTimeout());
	}

}
