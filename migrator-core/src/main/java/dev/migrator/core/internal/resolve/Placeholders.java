package dev.migrator.core.internal.resolve;

import java.util.List;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.migrator.core.api.Configuration;
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

	/**
	 * The values of Flyway placeholders: the configured ones, and Flyway's built-ins. Those of the database
	 * ({@code flyway:user}, {@code flyway:database}, {@code flyway:defaultSchema}) are asked of it only when a
	 * script uses one; with no database known (the build-time index) they stay as written: the checksum is of
	 * the file as written anyway.
	 */
	static Function<String, String> values(Configuration configuration, String vendor,
			Supplier<Map<String, String>> databaseFacts) {
		Map<String, String> configured = configuration.placeholders();
		Map<String, String> fromDatabase = new HashMap<>();
		String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
		return (key) -> {
			if (configured.containsKey(key)) {
				return configured.get(key);
			}
			switch (key) {
				case "flyway:table":
					return configuration.table();
				case "flyway:timestamp":
					return timestamp;
				case "flyway:workingDirectory":
					return System.getProperty("user.dir");
				case "flyway:user", "flyway:database", "flyway:defaultSchema":
					if (key.equals("flyway:defaultSchema") && configuration.schema() != null) {
						return configuration.schema();
					}
					if (databaseFacts == null) {
						return (vendor == null || !key.equals("flyway:defaultSchema")) ? "${" + key + "}"
								: switch (vendor) {
									case "postgresql" -> "public";
									case "sqlite" -> "main";
									default -> null;
								};
					}
					if (fromDatabase.isEmpty()) {
						fromDatabase.putAll(databaseFacts.get());
					}
					return fromDatabase.get(key);
				default:
					return null;
			}
		};
	}

}
