package dev.migrator.core.internal.sql;

import static dev.migrator.core.internal.sql.SplitBothWays.drain;
import static dev.migrator.core.internal.sql.SplitBothWays.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Hand-written property tests: jqwik does not run on JUnit Platform 6. Seeds are fixed so runs
 * are repeatable; a failure names its seed, and {@code -Dsplitter.seedBase=N} explores new ones.
 */
class SqliteStatementSplitterPropertyTest {

	private static final int CASES = 1000;
	private static final long SEED_BASE = Long.getLong("splitter.seedBase", 0L);

	private final SqliteStatementSplitter splitter = new SqliteStatementSplitter();

	private static void forEachSeed(LongConsumer property) {
		for (long seed = SEED_BASE; seed < SEED_BASE + CASES; seed++) {
			try {
				property.accept(seed);
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError("property failed for seed " + seed + ": " + e.getMessage(), e);
			}
		}
	}

	@Test
	void findsExactlyTheGeneratedStatementsAtTheirLines() {
		forEachSeed(seed -> {
			SqliteScriptGenerator.Generated generated = new SqliteScriptGenerator(seed).script();
			assertThat(splitter.split(generated.script()))
					.as("split of %s", quote(generated.script()))
					.containsExactlyElementsOf(generated.statements());
		});
	}

	@Test
	void streamingInRandomChunksAgreesWithSplit() {
		forEachSeed(seed -> {
			SqliteScriptGenerator.Generated generated = new SqliteScriptGenerator(seed).script();
			Random random = new Random(seed);
			List<SqlStatement> streamed = drain(splitter.statements(
					ChunkedReader.randomChunks(generated.script(), seed, 1 + random.nextInt(40)),
					1, 1 + random.nextInt(64)));
			assertThat(streamed).as("streamed split of %s", quote(generated.script()))
					.containsExactlyElementsOf(generated.statements());
		});
	}

	@Test
	void rejoiningTheStatementsAndSplittingAgainGivesTheSameStatements() {
		forEachSeed(seed -> {
			String script = new SqliteScriptGenerator(seed).script().script();
			List<String> once = sqlOf(splitter.split(script));
			List<String> twice = sqlOf(splitter.split(String.join(";\n", once)));
			assertThat(twice).as("round trip of %s", quote(script)).isEqualTo(once);
		});
	}

	@Test
	void anyInputEitherSplitsOrFailsTheSameWayWhenStreamed() {
		String alphabet = "ab ;'\"`[]-/*\n\r\tCASEND_$.";
		forEachSeed(seed -> {
			Random random = new Random(seed);
			// Half the inputs are trigger heads, so block counting meets garbage too.
			StringBuilder soup = new StringBuilder(random.nextBoolean() ? "CREATE TRIGGER x " : "");
			int length = random.nextInt(60);
			for (int i = 0; i < length; i++) {
				if (random.nextInt(8) == 0) {
					soup.append(" BEGIN ");
				} else {
					soup.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			String script = soup.toString();
			List<SqlStatement> whole;
			try {
				whole = splitter.split(script);
			} catch (SqlSplitException e) {
				SqlSplitException streamed = catchThrowableOfType(SqlSplitException.class,
						() -> drain(splitter.statements(ChunkedReader.randomChunks(script, seed, 5), 1, 2)));
				assertThat(streamed).as("streaming must fail too for %s", quote(script)).isNotNull();
				assertThat(streamed.line()).isEqualTo(e.line());
				assertThat(e.line()).isBetween(1, SqliteScriptGenerator.lineAt(script, script.length()));
				return;
			}
			assertThat(drain(splitter.statements(ChunkedReader.randomChunks(script, seed, 5), 1, 2)))
					.as("streamed split of %s", quote(script)).isEqualTo(whole);
			for (SqlStatement statement : whole) {
				assertThat(statement.sql()).isNotBlank().isEqualTo(statement.sql().strip());
				assertThat(script).contains(statement.sql());
			}
		});
	}

	private static String quote(String script) {
		return '"' + script.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + '"';
	}
}
