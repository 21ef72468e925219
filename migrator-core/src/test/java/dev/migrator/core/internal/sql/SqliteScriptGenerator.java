package dev.migrator.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds random SQLite scripts from tricky fragments together with the statements a correct
 * splitter must find in them. Statements are not meaningful SQL; only their lexical shape counts.
 */
final class SqliteScriptGenerator {

	/** A script and the statements in it, in order. */
	record Generated(String script, List<SqlStatement> statements) {
	}

	private static final String[] HEADS = {
		"SELECT", "select", "INSERT INTO t VALUES", "UPDATE t SET", "DELETE FROM t WHERE", "CREATE TABLE",
		"Create Index", "CREATE VIEW", "DROP TRIGGER", "BEGIN", "begin transaction", "END", "COMMIT", "WITH",
		"VALUES", "PRAGMA", "ALTER TABLE", "ROLLBACK",
	};
	private static final String[] BODY_HEADS = {"UPDATE t SET", "insert into log values", "DELETE FROM t WHERE", "SELECT"};
	private static final String[] IDENTIFIERS = {
		"x", "t1", "begin_date", "legend", "endpoint", "Weekend", "casement", "_end", "a$b", "ñame", "NEW.end",
		"old.begin", "new.Case", "trigger_count", "temp",
	};
	private static final String[] OPERATORS = {"(", ")", ",", "=", "+", "-", "*", "/", "<>", "||", "?", "%"};
	private static final String[] QUOTED_PIECES = {
		";", "'", "\"", "`", "[", "]", "--", "/*", "*/", "\n", "\r\n", "\r", "END", "begin", " ", "x", "$$", "*", "/",
	};
	private static final String[] SPACES = {" ", "  ", "\t", "\n", "\r\n", "\r", " \n  ", "\n\n"};

	private final Random random;

	SqliteScriptGenerator(long seed) {
		this.random = new Random(seed);
	}

	Generated script() {
		StringBuilder script = new StringBuilder();
		List<String> sqls = new ArrayList<>();
		List<Integer> offsets = new ArrayList<>();
		script.append(gap());
		int count = random.nextInt(8);
		for (int i = 0; i < count; i++) {
			String sql = random.nextInt(5) == 0 ? trigger() : statement(HEADS, false);
			offsets.add(script.length());
			sqls.add(sql);
			script.append(sql);
			boolean last = i == count - 1;
			if (!last || random.nextBoolean()) {
				if (random.nextBoolean()) {
					script.append(trailer());
				}
				script.append(';');
			}
			script.append(gap());
		}
		String text = script.toString();
		List<SqlStatement> statements = new ArrayList<>();
		for (int i = 0; i < sqls.size(); i++) {
			statements.add(new SqlStatement(sqls.get(i), lineAt(text, offsets.get(i)), controlOf(sqls.get(i))));
		}
		return new Generated(text, statements);
	}

	/** Independent oracle of the transaction control: the generated heads, none of them followed by TO. */
	private static TransactionControl controlOf(String sql) {
		String head = sql.split("[^A-Za-z]", 2)[0].toUpperCase(java.util.Locale.ROOT);
		return switch (head) {
			case "BEGIN" -> TransactionControl.BEGIN;
			case "END", "COMMIT" -> TransactionControl.COMMIT;
			case "ROLLBACK" -> TransactionControl.OTHER;
			default -> TransactionControl.NONE;
		};
	}

	/** Independent line oracle: \r\n, \r and \n each end a line. */
	static int lineAt(String text, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
		return line;
	}

	/** Whitespace, comments and empty statements that may sit between statements. */
	private String gap() {
		StringBuilder gap = new StringBuilder();
		int pieces = random.nextInt(4);
		for (int i = 0; i < pieces; i++) {
			switch (random.nextInt(4)) {
				case 0 -> gap.append(pick(SPACES));
				case 1 -> gap.append(' ').append(lineComment());
				case 2 -> gap.append(' ').append(blockComment());
				default -> gap.append(';');
			}
		}
		return gap.toString();
	}

	/** Whitespace and comments between a statement's last token and its semicolon. */
	private String trailer() {
		return switch (random.nextInt(3)) {
			case 0 -> pick(SPACES);
			case 1 -> " " + lineComment();
			default -> " " + blockComment() + pick(SPACES);
		};
	}

	private String statement(String[] heads, boolean inTrigger) {
		StringBuilder sql = new StringBuilder(pick(heads));
		int fragments = random.nextInt(7);
		for (int i = 0; i < fragments; i++) {
			sql.append(separator()).append(fragment(inTrigger, 2));
		}
		return sql.toString();
	}

	private String trigger() {
		StringBuilder sql = new StringBuilder(mixedCase("CREATE")).append(pick(SPACES));
		switch (random.nextInt(3)) {
			case 0 -> sql.append(mixedCase("TEMP")).append(' ');
			case 1 -> sql.append(mixedCase("TEMPORARY")).append(separator());
			default -> {
				// a permanent trigger
			}
		}
		sql.append(mixedCase("TRIGGER")).append(separator()).append(pick(IDENTIFIERS)).append(" AFTER INSERT ON t");
		if (random.nextBoolean()) {
			sql.append(" WHEN ").append(caseExpression(1));
		}
		sql.append(separator()).append(mixedCase("BEGIN"));
		int body = 1 + random.nextInt(3);
		for (int i = 0; i < body; i++) {
			sql.append(separator()).append(statement(BODY_HEADS, true));
			if (random.nextBoolean()) {
				sql.append(trailer());
			}
			sql.append(';');
		}
		return sql.append(separator()).append(mixedCase("END")).toString();
	}

	/** Always contains whitespace, so neighbouring fragments never fuse into one token. */
	private String separator() {
		return switch (random.nextInt(6)) {
			case 0 -> " " + blockComment() + " ";
			case 1 -> " " + lineComment();
			default -> pick(SPACES);
		};
	}

	private String fragment(boolean inTrigger, int nesting) {
		int kind = random.nextInt(inTrigger ? 6 : 7);
		return switch (kind) {
			case 0 -> pick(IDENTIFIERS);
			case 1 -> quoted();
			case 2 -> random.nextBoolean() ? String.valueOf(random.nextInt(1000)) : random.nextInt(100) + ".5e3";
			case 3 -> pick(OPERATORS);
			case 4 -> nesting > 0 ? caseExpression(nesting - 1) : pick(IDENTIFIERS);
			case 5 -> quoted();
			// BEGIN and END outside triggers are plain words; inside a body they would unbalance it.
			default -> mixedCase(random.nextBoolean() ? "BEGIN" : "END");
		};
	}

	private String caseExpression(int nesting) {
		return mixedCase("CASE") + separator() + mixedCase("WHEN") + " " + fragment(true, nesting) + " "
				+ mixedCase("THEN") + separator() + quoted() + " ELSE " + fragment(true, nesting) + separator()
				+ mixedCase("END");
	}

	private String quoted() {
		String text = quotedText();
		return switch (random.nextInt(4)) {
			case 0 -> "'" + text.replace("'", "''") + "'";
			case 1 -> "\"" + text.replace("\"", "\"\"") + "\"";
			case 2 -> "`" + text.replace("`", "``") + "`";
			default -> "[" + text.replace("]", "") + "]";
		};
	}

	private String quotedText() {
		StringBuilder text = new StringBuilder();
		int pieces = random.nextInt(6);
		for (int i = 0; i < pieces; i++) {
			text.append(pick(QUOTED_PIECES));
		}
		return text.toString();
	}

	private String lineComment() {
		String text = quotedText().replace("\n", "").replace("\r", "");
		return "--" + text + pick(new String[] {"\n", "\r\n", "\r"});
	}

	private String blockComment() {
		String text = quotedText();
		while (text.contains("*/")) {
			text = text.replace("*/", "");
		}
		return "/* " + text + " */";
	}

	private String mixedCase(String keyword) {
		return switch (random.nextInt(3)) {
			case 0 -> keyword;
			case 1 -> keyword.toLowerCase(Locale.ROOT);
			default -> keyword.charAt(0) + keyword.substring(1).toLowerCase(Locale.ROOT);
		};
	}

	private String pick(String[] options) {
		return options[random.nextInt(options.length)];
	}
}
