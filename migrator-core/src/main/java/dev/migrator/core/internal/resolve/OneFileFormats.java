package dev.migrator.core.internal.resolve;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-file formats of goose ({@code -- +goose Up}), sql-migrate ({@code -- +migrate Up}) and
 * dbmate ({@code -- migrate:up transaction:false}), read by rewriting their marker lines into
 * Migrator's own ({@code -- migrate:up}, {@code -- migrate:down}), one line for one line, so every
 * error still names the file's own line.
 */
final class OneFileFormats {

	private static final Pattern GOOSE = Pattern.compile("\\s*--\\s*\\+goose\\s+(.*?)\\s*", Pattern.CASE_INSENSITIVE);

	private static final Pattern SQL_MIGRATE = Pattern.compile("\\s*--\\s*\\+migrate\\s+(.*?)\\s*",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern DBMATE_UP = Pattern.compile("\\s*--\\s*migrate:up\\b(.*)", Pattern.CASE_INSENSITIVE);

	private static final Pattern DBMATE_NO_TRANSACTION = Pattern.compile("(?i).*\\btransaction\\s*:\\s*false\\b.*");

	private OneFileFormats() {
	}

	/**
	 * The text as Migrator reads it, and whether the file asks to run without a transaction.
	 */
	record Rewritten(String text, boolean noTransaction) {
	}

	/** Which one-file format the text is in, from its marker lines; null for none of them. */
	static Convention recognise(String text) {
		if (text.contains("+goose") && firstMatch(text, GOOSE) >= 0) {
			return Convention.GOOSE;
		}
		if (text.contains("+migrate") && firstMatch(text, SQL_MIGRATE) >= 0) {
			return Convention.SQL_MIGRATE;
		}
		if (containsIgnoringCase(text, "migrate:up")
				&& firstMatch(text, DBMATE_UP) >= 0) {
			return Convention.DBMATE;
		}
		return null;
	}

	/** Rewrites the markers of {@code convention} into Migrator's; unknown markers are problems. */
	static Rewritten rewrite(Convention convention, String name, String text, List<String> problems) {
		String[] lines = text.split("\r\n|\r|\n", -1);
		String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
		boolean noTransaction = false;
		StringBuilder out = new StringBuilder(text.length() + 64);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String replaced = line;
			if (convention == Convention.DBMATE) {
				Matcher up = DBMATE_UP.matcher(line);
				if (up.matches()) {
					noTransaction |= DBMATE_NO_TRANSACTION.matcher(up.group(1)).matches();
					replaced = "-- migrate:up";
				}
				else if (line.strip().toLowerCase(Locale.ROOT).startsWith("-- migrate:down")) {
					noTransaction |= DBMATE_NO_TRANSACTION.matcher(line).matches();
					replaced = "-- migrate:down";
				}
			}
			else {
				Matcher marker = ((convention == Convention.GOOSE) ? GOOSE : SQL_MIGRATE).matcher(line);
				if (marker.matches()) {
					String words = marker.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
					String where = name + ":" + (i + 1) + ": ";
					replaced = switch (words) {
						case "up" -> "-- migrate:up";
						case "down" -> "-- migrate:down";
						case "up notransaction", "down notransaction" -> {
							noTransaction = true;
							yield words.startsWith("up") ? "-- migrate:up" : "-- migrate:down";
						}
						case "no transaction" -> {
							noTransaction = true;
							yield "--";
						}
						// the splitter knows dollar quotes, strings and SQLite's BEGIN ... END: a block needs no help
						case "statementbegin", "statementend" -> "--";
						default -> {
							problems.add(where + "'" + line.strip() + "' is not a " + convention.displayName()
									+ " annotation Migrator reads; it reads " + known(convention));
							yield "--";
						}
					};
				}
			}
			out.append(replaced);
			if (i < lines.length - 1) {
				out.append(lineBreak);
			}
		}
		return new Rewritten(out.toString(), noTransaction);
	}

	private static String known(Convention convention) {
		return (convention == Convention.GOOSE)
				? "-- +goose Up, -- +goose Down, -- +goose StatementBegin / StatementEnd and -- +goose NO TRANSACTION"
				: "-- +migrate Up, -- +migrate Down (each may end in notransaction) and -- +migrate StatementBegin / StatementEnd";
	}

	private static int firstMatch(String text, Pattern pattern) {
		int start = 0;
		int line = 1;
		while (start <= text.length()) {
			int end = start;
			while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
				end++;
			}
			if (DownLookalikes.startsWithComment(text, start, end) && pattern.matcher(text.substring(start, end)).matches()) {
				return line;
			}
			start = end + 1;
			line++;
		}
		return -1;
	}

	private static boolean containsIgnoringCase(String text, String word) {
		for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
			int start = i - "migrate".length();
			if (start >= 0 && text.regionMatches(true, start, word, 0, word.length())) {
				return true;
			}
		}
		return false;
	}

}
