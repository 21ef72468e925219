package dev.migrator.core.internal.command;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import dev.migrator.core.internal.resolve.SqlScript;
import dev.migrator.core.internal.sql.SqlSplitException;
import dev.migrator.core.internal.sql.SqlStatement;
import dev.migrator.core.internal.sql.StatementSplitter;

/**
 * The statements of a script one at a time, split as they are read: from memory, or from the file
 * of a large script, so that running a script of any size holds one statement at a time. Splitting
 * fails as the script is read ({@link SqlSplitException}, {@link UncheckedIOException}).
 */
final class ScriptStatements implements Iterator<SqlStatement>, AutoCloseable {

	private final Reader reader;

	private final Iterator<SqlStatement> statements;

	private ScriptStatements(Reader reader, Iterator<SqlStatement> statements) {
		this.reader = reader;
		this.statements = statements;
	}

	static ScriptStatements open(StatementSplitter splitter, SqlScript script) throws IOException {
		if (!script.streamed()) {
			return new ScriptStatements(null, splitter.split(script.sql(), script.firstLine()).iterator());
		}
		Reader reader = script.open();
		return new ScriptStatements(reader, splitter.statements(reader, script.firstLine()));
	}

	/** Every statement at once: for the short scripts that are looked at whole (verify, down). */
	static List<SqlStatement> all(StatementSplitter splitter, SqlScript script) throws IOException {
		if (!script.streamed()) {
			return splitter.split(script.sql(), script.firstLine());
		}
		List<SqlStatement> all = new ArrayList<>();
		try (ScriptStatements statements = open(splitter, script)) {
			statements.forEachRemaining(all::add);
		}
		return all;
	}

	@Override
	public boolean hasNext() {
		return this.statements.hasNext();
	}

	@Override
	public SqlStatement next() {
		return this.statements.next();
	}

	/** Reads the statements not run, for their lines in a failure's report; stops quietly where the script does. */
	void drainLinesInto(Lines lines) {
		try {
			while (this.statements.hasNext()) {
				lines.add(this.statements.next().line());
			}
		}
		catch (SqlSplitException | UncheckedIOException ex) {
			// the report then lists the statements up to here; the failure itself is already known
		}
	}

	@Override
	public void close() throws IOException {
		if (this.reader != null) {
			this.reader.close();
		}
	}

	/** The first line of each statement, as ints: a million statements take 4 MB, not 16. */
	static final class Lines extends AbstractList<Integer> {

		private int[] lines = new int[64];

		private int size;

		void add(int line) {
			if (this.size == this.lines.length) {
				this.lines = Arrays.copyOf(this.lines, this.size * 2);
			}
			this.lines[this.size++] = line;
		}

		@Override
		public Integer get(int index) {
			if (index < 0 || index >= this.size) {
				throw new IndexOutOfBoundsException(index);
			}
			return this.lines[index];
		}

		@Override
		public int size() {
			return this.size;
		}

	}

}
