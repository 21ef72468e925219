package dev.migrator.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds random PostgreSQL and MySQL scripts from fragments each dialect lexes in its own way,
 * together with the statements a correct splitter must find in them (the server dialects'
 * counterpart of {@link SqliteScriptGenerator}). Statements are not meaningful SQL; only their
 * lexical shape counts: quotes with escapes, nested comments, dollar quotes, BEGIN ATOMIC bodies,
 * executable comments and DELIMITER blocks.
 */
final class ServerScriptGenerator {

	private enum Kind {
		POSTGRES, MYSQL
	}

	private static final String[] HEADS = {"SELECT", "select", "INSERT INTO t VALUES", "UPDATE t SET", "CREATE TABLE",
		"CREATE INDEX", "BEGIN", "END", "COMMIT", "WITH", "ALTER TABLE", "DO", "CALL", "SET"};

	// in a BEGIN ATOMIC body a BEGIN or END would unbalance it
	private static final String[] BODY_HEADS = {"SELECT", "INSERT INTO t VALUES", "update t set", "DELETE FROM t WHERE"};

	private static final String[] WORDS = {"x", "t1", "begin_date", "legend", "endpoint", "casement", "_end", "a$b",
		"ñame", "new.end", "old.begin", "s.case", "atomic", "trigger", "function"};

	// words a block counter must not see outside a body, but which plain statements may hold
	private static final String[] BLOCK_WORDS = {"begin", "END", "case", "Atomic", "BEGIN ATOMIC"};

	private static final String[] OPERATORS = {"(", ")", ",", "=", "+", "-", "*", "/", "<>", "||", "?", "%", "::"};

	private static final String[] PIECES = {";", "'", "\"", "`", "--", "/*", "*/", "#", "$", "$$", "\\", "\n", "\r\n",
		"END", "begin", " ", "x", "*", "/", "DELIMITER //"};

	private static final String[] SPACES = {" ", "  ", "\t", "\n", "\r\n", "\r", " \n  "};

	private final Kind kind;

	private final Random random;

	private ServerScriptGenerator(Kind kind, Random random) {
		this.kind = kind;
		this.random = random;
	}

	static SqliteScriptGenerator.Generated postgres(Random random) {
		return new ServerScriptGenerator(Kind.POSTGRES, random).script();
	}

	static SqliteScriptGenerator.Generated mysql(Random random) {
		return new ServerScriptGenerator(Kind.MYSQL, random).script();
	}

	private SqliteScriptGenerator.Generated script() {
		StringBuilder script = new StringBuilder(gap());
		List<String> sqls = new ArrayList<>();
		List<Integer> offsets = new ArrayList<>();
		int count = this.random.nextInt(7);
		for (int i = 0; i < count; i++) {
			boolean last = i == count - 1;
			if (this.kind == Kind.MYSQL && this.random.nextInt(5) == 0) {
				String delimiter = pick(new String[] {"//", "$$", ";;", "|", "@@"});
				String sql = compound(delimiter);
				script.append("\nDELIMITER ").append(delimiter).append(this.random.nextBoolean() ? " ignored\n" : "\n");
				offsets.add(script.length());
				sqls.add(sql);
				// no empty statements here: under the custom delimiter a ; would be one
				script.append(sql).append(trailer()).append(delimiter).append(gap(false));
				script.append("\nDELIMITER ;\n");
			}
			else {
				String sql = (this.kind == Kind.POSTGRES && this.random.nextInt(5) == 0) ? routine() : statement(false);
				offsets.add(script.length());
				sqls.add(sql);
				script.append(sql);
				if (!last || this.random.nextBoolean()) {
					script.append(trailer()).append(';');
				}
			}
			script.append(gap());
		}
		String text = script.toString();
		List<SqlStatement> statements = new ArrayList<>();
		for (int i = 0; i < sqls.size(); i++) {
			statements.add(new SqlStatement(sqls.get(i), SqliteScriptGenerator.lineAt(text, offsets.get(i)),
					controlOf(sqls.get(i))));
		}
		return new SqliteScriptGenerator.Generated(text, statements);
	}

	/** Independent oracle of the transaction control, from the generated heads (no WORDS make them more). */
	private TransactionControl controlOf(String sql) {
		String head = sql.split("[^A-Za-z]", 2)[0].toUpperCase(java.util.Locale.ROOT);
		return switch (head) {
			case "BEGIN" -> TransactionControl.BEGIN;
			case "COMMIT" -> TransactionControl.COMMIT;
			case "END" -> (this.kind == Kind.POSTGRES) ? TransactionControl.COMMIT : TransactionControl.NONE;
			default -> TransactionControl.NONE;
		};
	}

	/** A plain statement; in a body, block words appear only as balanced CASE ... END. */
	private String statement(boolean inBody) {
		StringBuilder sql = new StringBuilder(pick(inBody ? BODY_HEADS : HEADS));
		int fragments = this.random.nextInt(7);
		for (int i = 0; i < fragments; i++) {
			sql.append(separator()).append(fragment(inBody));
		}
		return sql.toString();
	}

	/** PostgreSQL: a SQL-standard routine body whose semicolons must not end the statement. */
	private String routine() {
		StringBuilder sql = new StringBuilder(this.random.nextBoolean() ? "CREATE" : "create or Replace");
		sql.append(separator()).append(this.random.nextBoolean() ? "FUNCTION" : "procedure").append(" f(begin int)");
		sql.append(" RETURNS int LANGUAGE sql").append(separator()).append("BEGIN").append(separator()).append("ATOMIC");
		int body = 1 + this.random.nextInt(3);
		for (int i = 0; i < body; i++) {
			sql.append(separator()).append(statement(true)).append(trailer()).append(';');
		}
		return sql.append(separator()).append(this.random.nextBoolean() ? "END" : "end").toString();
	}

	/** MySQL: a compound statement with semicolons, ended by a custom delimiter it never contains. */
	private String compound(String delimiter) {
		for (;;) {
			StringBuilder sql = new StringBuilder("CREATE PROCEDURE p()").append(separator()).append("BEGIN");
			int body = 1 + this.random.nextInt(3);
			for (int i = 0; i < body; i++) {
				sql.append(separator()).append(statement(false)).append(';');
			}
			String text = sql.append(separator()).append("END").toString();
			if (!text.contains(delimiter)) {
				return text;
			}
		}
	}

	private String fragment(boolean inBody) {
		return switch (this.random.nextInt(8)) {
			case 0, 1 -> pick(WORDS);
			case 2 -> String.valueOf(this.random.nextInt(1000));
			case 3 -> pick(OPERATORS);
			case 4 -> caseExpression();
			case 5 -> inBody ? pick(WORDS) : pick(BLOCK_WORDS);
			default -> quoted();
		};
	}

	private String caseExpression() {
		return "CASE" + separator() + "WHEN x THEN " + quoted() + separator() + "ELSE 1 END";
	}

	private String quoted() {
		String text = text();
		if (this.kind == Kind.POSTGRES) {
			return switch (this.random.nextInt(5)) {
				case 0 -> "'" + text.replace("'", "''") + "'"; // a backslash is literal here
				case 1 -> "E'" + text.replace("\\", "\\\\").replace("'", this.random.nextBoolean() ? "\\'" : "''") + "'";
				case 2 -> "\"" + text.replace("\"", "\"\"") + "\"";
				case 3 -> "$$" + text.replace("$", "") + "$$";
				default -> "$body$" + text.replace("$body$", "") + "$body$";
			};
		}
		return switch (this.random.nextInt(4)) {
			case 0 -> "'" + text.replace("\\", "\\\\").replace("'", this.random.nextBoolean() ? "\\'" : "''") + "'";
			case 1 -> "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
			case 2 -> "`" + text.replace("`", "``") + "`";
			default -> "/*!40101 " + withoutCommentEnd(text) + " */";
		};
	}

	private String text() {
		StringBuilder text = new StringBuilder();
		int pieces = this.random.nextInt(6);
		for (int i = 0; i < pieces; i++) {
			text.append(pick(PIECES));
		}
		return text.toString();
	}

	/** Whitespace, comments and empty statements between statements. */
	private String gap() {
		return gap(true);
	}

	private String gap(boolean emptyStatements) {
		StringBuilder gap = new StringBuilder();
		int pieces = this.random.nextInt(4);
		for (int i = 0; i < pieces; i++) {
			switch (this.random.nextInt(emptyStatements ? 4 : 3)) {
				case 0 -> gap.append(pick(SPACES));
				case 1 -> gap.append(' ').append(lineComment());
				case 2 -> gap.append(' ').append(blockComment());
				default -> gap.append(';');
			}
		}
		return gap.toString();
	}

	/** Whitespace or a comment between a statement's last token and its delimiter. */
	private String trailer() {
		return switch (this.random.nextInt(3)) {
			case 0 -> pick(SPACES);
			case 1 -> " " + lineComment();
			default -> " " + blockComment() + pick(SPACES);
		};
	}

	/** Always holds whitespace, so fragments never fuse into one token. */
	private String separator() {
		return switch (this.random.nextInt(6)) {
			case 0 -> " " + blockComment() + " ";
			case 1 -> " " + lineComment();
			default -> pick(SPACES);
		};
	}

	private String lineComment() {
		String text = text().replace("\n", "").replace("\r", "");
		String opener = (this.kind == Kind.MYSQL && this.random.nextBoolean()) ? "#" : "-- ";
		return opener + text + pick(new String[] {"\n", "\r\n", "\r"});
	}

	private String blockComment() {
		String text = withoutCommentMarks(text());
		if (this.kind == Kind.POSTGRES && this.random.nextBoolean()) {
			text = text + " /* nested; */ ";
		}
		return "/* " + text + " */";
	}

	private static String withoutCommentEnd(String text) {
		String result = text;
		while (result.contains("*/")) {
			result = result.replace("*/", "");
		}
		return result;
	}

	/** Removing one mark can make another ({@code //**}), hence the loop. */
	private static String withoutCommentMarks(String text) {
		String result = text;
		while (result.contains("*/") || result.contains("/*")) {
			result = result.replace("*/", "").replace("/*", "");
		}
		return result;
	}

	private String pick(String[] options) {
		return options[this.random.nextInt(options.length)];
	}

}
