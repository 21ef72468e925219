package dev.migrator.core.internal.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL: a file that starts {@code --liquibase formatted sql} and holds
 * {@code --changeset author:id} blocks, each with its {@code --rollback} lines. Each changeset is
 * one migration: version {@code <file>.<n>} (the file's leading number, or its place among such
 * files, then the changeset's place in the file), description {@code author:id}.
 */
final class LiquibaseSql {

	private static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s+formatted\\s+sql\\b.*",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s+(\\S+?):(\\S+)(.*)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ROLLBACK = Pattern.compile("\\s*--\\s*rollback\\b ?(.*)", Pattern.CASE_INSENSITIVE);

	private static final Pattern PRECONDITION = Pattern.compile("\\s*--\\s*precondition.*", Pattern.CASE_INSENSITIVE);

	/**
	 * Liquibase's own lines inside a changeset, which Liquibase removes before it sends the SQL: MySQL
	 * does not read {@code --comment:} as a comment ({@code --} needs a space after it there).
	 */
	private static final Pattern DIRECTIVE = Pattern.compile("\\s*--\\s*(comment|validCheckSum)\\b.*",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\\S+)");

	/**
	 * The lines Liquibase keeps out of a changeset's SQL, as its formatted SQL parser (4.x) matches
	 * them: {@code --comment}, {@code --validCheckSum}, {@code --rollback}, preconditions, properties.
	 */
	private static final Pattern NOT_SQL_FOR_LIQUIBASE = Pattern.compile("--[\\s]*comment:? .*|--[\\s]*validCheckSum:? .*"
			+ "|\\s*--[\\s]*rollback .*|\\s*--[\\s]*preconditions.*|\\s*--[\\s]*precondition-[a-zA-Z0-9-]+.*"
			+ "|\\s*--[\\s]*property\\s+.*:.*\\s+.*:.*", Pattern.CASE_INSENSITIVE);

	private LiquibaseSql() {
	}

	/** One changeset: its id, its up text, its rollback (null when it has none), and where its text starts. */
	/**
	 * One changeset: its id, its up text, its rollback (null when it has none), and where its text starts.
	 * @param liquibaseChecksum what Liquibase 4.x records as its MD5SUM ({@code 9:...})
	 */
	record Changeset(String author, String id, String up, String rollback, int firstLine, boolean noTransaction,
			String liquibaseChecksum) {
	}

	/**
	 * Liquibase's checksum of a formatted SQL changeset, version 9 (Liquibase 4.22 and later): MD5 of the
	 * changeset's SQL with every space, tab and line break taken out, then MD5 of {@code "9:<that>:"}, the
	 * checksum of a changeset of one change.
	 */
	static String liquibaseChecksum(String sql) {
		StringBuilder kept = new StringBuilder(sql.length());
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				kept.append(c);
			}
		}
		return "9:" + md5("9:" + md5(kept.toString()) + ":");
	}

	private static String md5(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has MD5", ex);
		}
	}

	/** Whether the text's first non-blank line is {@code --liquibase formatted sql}. */
	static boolean recognise(String text) {
		int i = 0;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		int end = i;
		while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
			end++;
		}
		return HEADER.matcher(text.substring(i, end)).matches();
	}

	/** The file's changesets, in order; what Migrator cannot honour is a problem naming the line. */
	static List<Changeset> read(String name, String text, List<String> problems) {
		String[] lines = text.split("\r\n|\r|\n", -1);
		List<Changeset> changesets = new ArrayList<>();
		String author = null;
		String id = null;
		boolean noTransaction = false;
		int firstLine = 0;
		StringBuilder up = null;
		StringBuilder rollback = null;
		StringBuilder liquibaseSql = null;
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String where = name + ":" + (i + 1) + ": ";
			Matcher changeset = CHANGESET.matcher(line);
			if (changeset.matches()) {
				if (up != null) {
					changesets.add(new Changeset(author, id, up.toString(), (rollback != null) ? rollback.toString() : null,
							firstLine, noTransaction, liquibaseChecksum(liquibaseSql.toString())));
				}
				author = changeset.group(1);
				id = changeset.group(2);
				noTransaction = attributes(where, changeset.group(3), problems);
				firstLine = i + 2;
				up = new StringBuilder();
				rollback = null;
				liquibaseSql = new StringBuilder();
				continue;
			}
			if (up == null) {
				if (!line.isBlank() && !line.strip().startsWith("--")) {
					problems.add(where + "SQL before the first --changeset belongs to no changeset; start it with"
							+ " --changeset <author>:<id>");
				}
				continue;
			}
			if (!NOT_SQL_FOR_LIQUIBASE.matcher(line).matches()) {
				liquibaseSql.append(line).append('\n');
			}
			Matcher back = ROLLBACK.matcher(line);
			if (back.matches()) {
				String body = back.group(1);
				String lower = body.strip().toLowerCase(Locale.ROOT);
				rollback = (rollback == null) ? new StringBuilder() : rollback.append('\n');
				// Liquibase's "nothing to undo"
				if (!lower.equals("not required") && !lower.equals("empty")) {
					rollback.append(body);
				}
				up.append("--\n");
				continue;
			}
			if (DIRECTIVE.matcher(line).matches()) {
				up.append("--\n"); // keeps the line numbers of what follows
				continue;
			}
			if (PRECONDITION.matcher(line).matches()) {
				problems.add(where + "Liquibase preconditions are not read by Migrator; remove the line, and make the"
						+ " SQL safe to run as it is (e.g. CREATE TABLE IF NOT EXISTS)");
			}
			up.append(line).append('\n');
		}
		if (up != null) {
			changesets.add(new Changeset(author, id, up.toString(), (rollback != null) ? rollback.toString() : null,
					firstLine, noTransaction, liquibaseChecksum(liquibaseSql.toString())));
		}
		else {
			problems.add(name + ": is Liquibase formatted SQL with no --changeset <author>:<id> line; add one, or"
					+ " delete the file");
		}
		return changesets;
	}

	/** Reads a changeset's attributes; returns whether it runs without a transaction. */
	private static boolean attributes(String where, String text, List<String> problems) {
		boolean noTransaction = false;
		Matcher attribute = ATTRIBUTE.matcher(text);
		while (attribute.find()) {
			String key = attribute.group(1);
			String value = attribute.group(2).toLowerCase(Locale.ROOT);
			switch (key) {
				case "runInTransaction" -> noTransaction = value.equals("false");
				case "runOnChange", "runAlways" -> {
					if (value.equals("true")) {
						problems.add(where + key + ":true has no equivalent in Migrator, which applies a migration"
								+ " once; move the SQL into a new changeset for each change");
					}
				}
				case "splitStatements", "stripComments", "context", "contextFilter", "labels", "dbms", "failOnError",
						"created", "ignore", "logicalFilePath" -> {
					// read as Liquibase's defaults do: every statement split, every changeset run
				}
				case "endDelimiter" -> problems.add(where + "endDelimiter is not read by Migrator, whose splitter knows"
						+ " each dialect's quotes and blocks; remove it");
				default -> problems.add(where + "unknown changeset attribute " + key + "; remove it");
			}
		}
		return noTransaction;
	}

}
