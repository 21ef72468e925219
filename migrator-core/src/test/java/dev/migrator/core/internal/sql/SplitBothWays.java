package dev.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Splits a script through {@code split} and through every streaming shape, and insists they
 * agree, so every example test also checks the streaming form.
 */
final class SplitBothWays {

	private SplitBothWays() {
	}

	static List<SqlStatement> split(StatementSplitter splitter, String script) {
		return split(splitter, script, 1);
	}

	static List<SqlStatement> split(StatementSplitter splitter, String script, int firstLine) {
		List<SqlStatement> whole = splitter.split(script, firstLine);
		assertThat(drain(splitter.statements(new StringReader(script), firstLine)))
				.as("streaming with the default buffer").isEqualTo(whole);
		assertThat(drain(splitter.statements(ChunkedReader.oneCharAtATime(script), firstLine, 1)))
				.as("streaming one char at a time into a one-char buffer").isEqualTo(whole);
		assertThat(drain(splitter.statements(ChunkedReader.randomChunks(script, script.length(), 7), firstLine, 4)))
				.as("streaming in random chunks into a small buffer").isEqualTo(whole);
		return whole;
	}

	static SqlSplitException failure(StatementSplitter splitter, String script) {
		SqlSplitException whole = catchThrowableOfType(SqlSplitException.class, () -> splitter.split(script));
		assertThat(whole).as("split must reject the script").isNotNull();
		SqlSplitException streamed = catchThrowableOfType(SqlSplitException.class,
				() -> drain(splitter.statements(ChunkedReader.oneCharAtATime(script), 1, 1)));
		assertThat(streamed).as("streaming must reject the script").isNotNull();
		assertThat(streamed.getMessage()).isEqualTo(whole.getMessage());
		assertThat(streamed.line()).isEqualTo(whole.line());
		return whole;
	}

	static List<SqlStatement> drain(Iterator<SqlStatement> statements) {
		List<SqlStatement> all = new ArrayList<>();
		statements.forEachRemaining(all::add);
		return all;
	}

	static List<String> sqlOf(List<SqlStatement> statements) {
		return statements.stream().map(SqlStatement::sql).toList();
	}
}
