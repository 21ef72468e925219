package dev.migrator.core.internal.resolve;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Comment lines in an up script that look like the start of a down but are no marker Migrator
 * reads ({@code -- DOWN Migration (Rollback)}, {@code -- Rollback}, {@code -- undo}): what follows
 * them would run as part of the up, so they are refused, naming the marker to use.
 */
final class DownLookalikes {

	/** The marker word alone, maybe with "migration"/"script"/"section", a parenthesis and decoration. */
	private static final Pattern LOOKALIKE = Pattern.compile("(?i)\\s*--+[\\s=#*>\\-\\[]*"
			+ "(down|rollback|roll back|undo|revert)\\b[\\s:]*(migrations?|scripts?|sections?|sql)?\\s*(\\(.*\\))?"
			+ "[\\s=#*:<\\-\\]]*");

	private DownLookalikes() {
	}

	/** Adds a problem for each such line of the up script. */
	static void check(SqlScript up, Convention convention, List<String> problems) {
		String text = up.sql();
		if (text == null || convention == Convention.LIQUIBASE_SQL) {
			return;
		}
		int line = up.firstLine();
		int start = 0;
		while (start <= text.length()) {
			int end = start;
			while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
				end++;
			}
			if (startsWithComment(text, start, end) && LOOKALIKE.matcher(text.substring(start, end)).matches()) {
				problems.add(up.name() + ":" + line + ": '" + text.substring(start, end).strip()
						+ "' looks like the start of a down script, but Migrator reads it as a comment, so the SQL"
						+ " after it would run as part of the up; " + markerToUse(convention));
			}
			if (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n') {
				end++;
			}
			start = end + 1;
			line++;
		}
	}

	/** Whether the line [start, end) is a {@code --} comment after white space: looked at without leaving the line. */
	static boolean startsWithComment(String text, int start, int end) {
		int i = start;
		while (i < end && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i + 1 < end && text.charAt(i) == '-' && text.charAt(i + 1) == '-';
	}

	private static String markerToUse(Convention convention) {
		return switch (convention) {
			case GOOSE -> "write -- +goose Down on that line";
			case SQL_MIGRATE -> "write -- +migrate Down on that line";
			case FLYWAY -> "move the down SQL into its own U<version>__<description>.sql file";
			case GOLANG_MIGRATE -> "move the down SQL into the .down.sql file beside it";
			case DIESEL -> "move the down SQL into down.sql in the same folder";
			default -> "write -- migrate:down on that line (or move the down SQL into <version>_<description>.down.sql)";
		};
	}

}
