package dev.migrator.core.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.migrator.core.internal.sql.StatementWords;
import dev.migrator.core.internal.sql.StatementWords.Kind;
import dev.migrator.core.internal.sql.StatementWords.Token;

/**
 * What one statement of a down script does to data, read from its tokens: copies a table (the
 * first step of a rebuild), drops or empties tables, drops columns, overwrites every row, or
 * {@link Unknown}: a statement that can destroy data in a form this reader does not fully parse,
 * which the estimate must count as a possible loss rather than as none.
 */
sealed interface DownStatement {

	/** Nothing that destroys data. */
	record None() implements DownStatement {
	}

	/** {@code INSERT INTO … SELECT … FROM source} or {@code CREATE TABLE … AS SELECT … FROM source}. */
	record Copy(Name source) implements DownStatement {
	}

	/** {@code DROP TABLE a, b}. */
	record DropTables(List<Name> tables) implements DownStatement {
	}

	/** {@code TRUNCATE a, b}, or {@code DELETE FROM t} without a WHERE clause. */
	record EmptyTables(List<Name> tables, String verb) implements DownStatement {
	}

	/** {@code UPDATE t SET …} without a WHERE clause. */
	record OverwriteRows(Name table) implements DownStatement {
	}

	/** {@code ALTER TABLE t DROP [COLUMN] c, DROP d}. */
	record DropColumns(Name table, List<Name> columns) implements DownStatement {
	}

	/** May destroy data in a way the reader cannot count. */
	record Unknown(String why) implements DownStatement {
	}

	/** A possibly qualified name; each part remembers whether it was quoted. */
	record Name(List<String> parts, List<Boolean> quoted) {

		/** As the user wrote it, without quotes. */
		String display() {
			return String.join(".", this.parts);
		}

		/** For matching a copy's source with a dropped table: the table's own name, case-folded. */
		String key() {
			return this.parts.get(this.parts.size() - 1).toLowerCase(Locale.ROOT);
		}

	}

	Set<String> NO_DATA_OBJECTS = Set.of("VIEW", "MATERIALIZED", "INDEX", "TRIGGER", "SEQUENCE", "FUNCTION",
			"PROCEDURE", "ROUTINE", "RULE", "POLICY", "EVENT", "STATISTICS", "AGGREGATE", "OPERATOR", "CAST",
			"PUBLICATION", "SUBSCRIPTION", "ROLE", "USER", "GROUP", "SYNONYM", "TEXT", "ACCESS", "TRANSFORM");

	/** Objects whose drop refuses while a column depends on them, unless CASCADE. */
	Set<String> DEPENDED_ON_OBJECTS = Set.of("TYPE", "DOMAIN", "COLLATION", "EXTENSION", "CONVERSION", "LANGUAGE");

	Set<String> CONSTRAINT_DROPS = Set.of("CONSTRAINT", "INDEX", "KEY", "PRIMARY", "FOREIGN", "CHECK", "UNIQUE",
			"FULLTEXT", "SPATIAL", "DEFAULT", "SYSTEM", "PERIOD", "IDENTITY", "EXPRESSION", "NOT");

	Set<String> DESTRUCTIVE_WORDS = Set.of("DROP", "TRUNCATE", "DELETE", "UPDATE", "REPLACE", "EXECUTE", "EXEC");

	/** Reads one statement. */
	static DownStatement of(List<Token> tokens, StatementWords words) {
		if (tokens.isEmpty() || tokens.get(0).kind() != Kind.WORD) {
			return new None();
		}
		Reader r = new Reader(tokens);
		DownStatement read;
		try {
			read = switch (tokens.get(0).keyword()) {
				case "DROP" -> drop(r);
				case "TRUNCATE" -> truncate(r);
				case "DELETE" -> delete(r);
				case "UPDATE" -> update(r);
				case "ALTER" -> alter(r);
				case "INSERT" -> copy(r);
				case "CREATE" -> createsTable(r) ? copy(r) : new None();
				case "REPLACE" -> new Unknown("replaces rows");
				case "MERGE", "WITH" -> r.containsAny(Set.of("DELETE", "UPDATE", "TRUNCATE", "DROP"))
						? new Unknown("changes rows in a form the estimate does not read") : new None();
				case "DO" -> doBlock(tokens, words);
				default -> new None();
			};
		}
		catch (IndexOutOfBoundsException | IllegalStateException ex) {
			read = null;
		}
		if (read == null) {
			return new Unknown("a form the estimate does not read");
		}
		return read;
	}

	private static DownStatement drop(Reader r) {
		r.next(); // DROP
		r.skip("TEMPORARY");
		String kind = r.peek().keyword();
		if (kind.equals("TABLE")) {
			r.next();
			r.skipIfExists();
			List<Name> tables = r.names();
			r.skip("CASCADE", "RESTRICT", "PURGE");
			return r.atEnd() ? new DropTables(tables) : null;
		}
		if (kind.equals("SCHEMA") || kind.equals("DATABASE")) {
			return new Unknown("drops a " + kind.toLowerCase(Locale.ROOT) + " and every table in it");
		}
		if (NO_DATA_OBJECTS.contains(kind)) {
			return new None();
		}
		if (DEPENDED_ON_OBJECTS.contains(kind) && !r.containsAny(Set.of("CASCADE"))) {
			return new None();
		}
		return null;
	}

	private static DownStatement truncate(Reader r) {
		r.next(); // TRUNCATE
		r.skip("TABLE");
		List<Name> tables = new ArrayList<>();
		do {
			r.skip("ONLY");
			tables.add(r.name());
			r.skipSymbol('*');
		}
		while (r.skipSymbol(','));
		if (r.skip("RESTART", "CONTINUE")) {
			r.expect("IDENTITY");
		}
		if (r.peek().is("CASCADE")) {
			return new Unknown("empties the named tables and every table that refers to them");
		}
		r.skip("RESTRICT");
		return r.atEnd() ? new EmptyTables(tables, "empties table") : null;
	}

	private static DownStatement delete(Reader r) {
		if (r.containsAtTopLevel("WHERE")) {
			return new None(); // takes back rows the up added; not counted as a loss
		}
		r.next(); // DELETE
		r.skip("LOW_PRIORITY", "QUICK", "IGNORE");
		if (!r.skip("FROM")) {
			return null; // DELETE t FROM t JOIN … (MySQL), without WHERE
		}
		r.skip("ONLY");
		Name table = r.name();
		r.skipSymbol('*');
		r.skipAlias();
		if (r.skip("RETURNING")) {
			return new EmptyTables(List.of(table), "deletes every row of");
		}
		return r.atEnd() ? new EmptyTables(List.of(table), "deletes every row of") : null;
	}

	private static DownStatement update(Reader r) {
		if (r.containsAtTopLevel("WHERE")) {
			return new None();
		}
		r.next(); // UPDATE
		if (r.skip("OR")) {
			r.next();
		}
		r.skip("ONLY", "LOW_PRIORITY", "IGNORE");
		Name table = r.name();
		r.skipAlias();
		return r.peek().is("SET") ? new OverwriteRows(table) : null;
	}

	private static DownStatement alter(Reader r) {
		boolean mentionsDrop = r.containsAtTopLevel("DROP");
		r.next(); // ALTER
		if (!r.skip("TABLE")) {
			return new None(); // ALTER INDEX, ALTER SEQUENCE, …: no rows go
		}
		r.skipIfExists();
		r.skip("ONLY");
		Name table = r.name();
		r.skipSymbol('*');
		List<Name> columns = new ArrayList<>();
		for (List<Token> action : r.restSplitAtTopLevelCommas()) {
			if (action.isEmpty() || !action.get(0).is("DROP")) {
				continue;
			}
			Reader a = new Reader(action);
			a.next(); // DROP
			String what = a.peek().keyword();
			if (CONSTRAINT_DROPS.contains(what)) {
				continue;
			}
			if (what.equals("PARTITION")) {
				return new Unknown("drops a partition and its rows");
			}
			a.skip("COLUMN");
			a.skipIfExists();
			columns.add(a.simpleName());
			a.skip("CASCADE", "RESTRICT");
			if (!a.atEnd()) {
				return null;
			}
		}
		if (columns.isEmpty()) {
			return mentionsDrop && !r.sawOnlyKnownDrops() ? null : new None();
		}
		return new DropColumns(table, columns);
	}

	/** {@code CREATE [TEMP|TEMPORARY|UNLOGGED] TABLE}: a trigger's INSERT … SELECT is no copy. */
	private static boolean createsTable(Reader r) {
		Reader head = r.from(1);
		head.skip("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL");
		head.skip("TEMP", "TEMPORARY");
		return head.peek().is("TABLE");
	}

	private static DownStatement copy(Reader r) {
		int select = r.indexOf("SELECT");
		if (select < 0) {
			return new None();
		}
		Reader from = r.from(select);
		int at = from.indexOf("FROM");
		if (at < 0) {
			return new None();
		}
		Reader source = from.from(at + 1);
		return new Copy(source.name());
	}

	/** PostgreSQL {@code DO $$ … $$}: its body is code; any destructive word in it is a possible loss. */
	private static DownStatement doBlock(List<Token> tokens, StatementWords words) {
		for (Token token : tokens) {
			if (token.kind() == Kind.STRING) {
				for (Token inner : words.read(token.text())) {
					if (DESTRUCTIVE_WORDS.contains(inner.keyword())) {
						return new Unknown("runs a block with " + inner.keyword());
					}
				}
			}
		}
		return new None();
	}

	/** A cursor over a statement's tokens. */
	final class Reader {

		private final List<Token> tokens;

		private int at;

		Reader(List<Token> tokens) {
			this.tokens = tokens;
		}

		Token peek() {
			return (this.at < this.tokens.size()) ? this.tokens.get(this.at) : new Token(Kind.SYMBOL, ";");
		}

		Token next() {
			return this.tokens.get(this.at++);
		}

		boolean atEnd() {
			return this.at >= this.tokens.size();
		}

		/** Skips the next token if it is one of {@code keywords}. */
		boolean skip(String... keywords) {
			for (String keyword : keywords) {
				if (peek().is(keyword)) {
					this.at++;
					return true;
				}
			}
			return false;
		}

		boolean skipSymbol(char symbol) {
			if (!atEnd() && peek().is(symbol)) {
				this.at++;
				return true;
			}
			return false;
		}

		void expect(String keyword) {
			if (!skip(keyword)) {
				throw new IllegalStateException(keyword);
			}
		}

		void skipIfExists() {
			if (peek().is("IF")) {
				this.at++;
				expect("EXISTS");
			}
		}

		/** {@code [AS] alias}, when a plain word that is not a clause's keyword follows. */
		void skipAlias() {
			if (skip("AS")) {
				name();
			}
			else if (peek().kind() == Kind.QUOTED_NAME
					|| (peek().kind() == Kind.WORD && !Set.of("RETURNING", "SET", "USING", "ORDER", "LIMIT", "WHERE")
						.contains(peek().keyword()))) {
				this.at++;
			}
		}

		Name simpleName() {
			Token token = next();
			if (!token.isName()) {
				throw new IllegalStateException("not a name");
			}
			return new Name(List.of(token.text()), List.of(token.kind() == Kind.QUOTED_NAME));
		}

		/** {@code part(.part)*}. */
		Name name() {
			List<String> parts = new ArrayList<>();
			List<Boolean> quoted = new ArrayList<>();
			do {
				Token token = next();
				if (!token.isName()) {
					throw new IllegalStateException("not a name");
				}
				parts.add(token.text());
				quoted.add(token.kind() == Kind.QUOTED_NAME);
			}
			while (skipSymbol('.'));
			return new Name(parts, quoted);
		}

		List<Name> names() {
			List<Name> names = new ArrayList<>();
			do {
				names.add(name());
			}
			while (skipSymbol(','));
			return names;
		}

		int indexOf(String keyword) {
			for (int i = this.at; i < this.tokens.size(); i++) {
				if (this.tokens.get(i).is(keyword)) {
					return i - this.at;
				}
			}
			return -1;
		}

		Reader from(int offset) {
			Reader reader = new Reader(this.tokens);
			reader.at = this.at + offset;
			return reader;
		}

		boolean containsAny(Set<String> keywords) {
			return this.tokens.stream().anyMatch((t) -> keywords.contains(t.keyword()));
		}

		boolean containsAtTopLevel(String keyword) {
			int depth = 0;
			for (Token token : this.tokens) {
				if (token.is('(')) {
					depth++;
				}
				else if (token.is(')')) {
					depth--;
				}
				else if (depth == 0 && token.is(keyword)) {
					return true;
				}
			}
			return false;
		}

		/** Whether every top-level DROP of the statement was followed by a constraint's keyword. */
		boolean sawOnlyKnownDrops() {
			int depth = 0;
			for (int i = 0; i < this.tokens.size(); i++) {
				Token token = this.tokens.get(i);
				depth += token.is('(') ? 1 : token.is(')') ? -1 : 0;
				// ALTER COLUMN c DROP DEFAULT / DROP NOT NULL name what goes, as a constraint's drop does
				if (depth == 0 && token.is("DROP")
						&& (i + 1 >= this.tokens.size() || !CONSTRAINT_DROPS.contains(this.tokens.get(i + 1).keyword()))) {
					return false;
				}
			}
			return true;
		}

		/** The tokens after the cursor, cut at commas outside parentheses. */
		List<List<Token>> restSplitAtTopLevelCommas() {
			List<List<Token>> parts = new ArrayList<>();
			List<Token> part = new ArrayList<>();
			int depth = 0;
			for (int i = this.at; i < this.tokens.size(); i++) {
				Token token = this.tokens.get(i);
				depth += token.is('(') ? 1 : token.is(')') ? -1 : 0;
				if (depth == 0 && token.is(',')) {
					parts.add(part);
					part = new ArrayList<>();
				}
				else {
					part.add(token);
				}
			}
			parts.add(part);
			return parts;
		}

	}

}
