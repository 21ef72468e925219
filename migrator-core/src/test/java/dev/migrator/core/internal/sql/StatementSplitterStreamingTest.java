package dev.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StatementSplitterStreamingTest {

	private final SqliteStatementSplitter splitter = new SqliteStatementSplitter();

	/**
	 * Writes a script statement by statement as it is read, so the whole script never exists as
	 * one string: if the splitter needed it whole, this test could not pass in a small heap.
	 */
	private static final class GeneratedScriptReader extends Reader {

		private final long targetChars;
		private final StringBuilder chunk = new StringBuilder();
		private int chunkPos;
		private long produced;
		private int statements;
		private int line = 1;
		private int lastStatementLine;

		GeneratedScriptReader(long targetChars) {
			this.targetChars = targetChars;
		}

		@Override
		public int read(char[] target, int offset, int length) {
			if (chunkPos == chunk.length()) {
				if (produced >= targetChars) {
					return -1;
				}
				writeNextStatement();
			}
			int count = Math.min(length, chunk.length() - chunkPos);
			chunk.getChars(chunkPos, chunkPos + count, target, offset);
			chunkPos += count;
			produced += count;
			return count;
		}

		private void writeNextStatement() {
			chunk.setLength(0);
			chunkPos = 0;
			int n = statements++;
			lastStatementLine = line;
			if (n % 1000 == 999) {
				chunk.append("CREATE TRIGGER t").append(n).append(" AFTER INSERT ON t\nBEGIN\n")
						.append("  UPDATE t SET v = CASE WHEN NEW.id > 0 THEN 'x;' ELSE 'y' END;\n")
						.append("  DELETE FROM u WHERE id = NEW.id;\nEND;\n");
				line += 5;
			} else {
				chunk.append("INSERT INTO t VALUES (").append(n).append(", 'row; ").append(n)
						.append("\r\nit''s', \"col;\"); -- done; really\n");
				line += 2;
			}
		}

		@Override
		public void close() {
			// nothing to release
		}
	}

	@Test
	@Timeout(30) // generous for slow CI; locally it takes about a second
	void streamsAFiftyMegabyteScriptWithoutHoldingIt() {
		GeneratedScriptReader reader = new GeneratedScriptReader(50L * 1024 * 1024);
		Iterator<SqlStatement> statements = splitter.statements(reader, 1);
		int count = 0;
		SqlStatement last = null;
		while (statements.hasNext()) {
			last = statements.next();
			count++;
		}
		assertThat(count).isEqualTo(reader.statements);
		assertThat(last).isNotNull();
		assertThat(last.line()).isEqualTo(reader.lastStatementLine);
		assertThat(reader.produced).isGreaterThanOrEqualTo(50L * 1024 * 1024);
	}

	@Test
	void streamsOneStatementLargerThanManyBuffers() {
		String big = "x".repeat(3_000_000);
		String script = "SELECT 1;\nINSERT INTO t VALUES ('" + big + "');\nSELECT 3";
		Iterator<SqlStatement> statements = splitter.statements(new StringReader(script), 1, 16);
		assertThat(statements.next()).isEqualTo(new SqlStatement("SELECT 1", 1));
		assertThat(statements.next().sql()).hasSize(3_000_000 + 25);
		assertThat(statements.next()).isEqualTo(new SqlStatement("SELECT 3", 3));
		assertThat(statements.hasNext()).isFalse();
	}

	@Test
	void longCommentsBeforeAStatementAreNotBuffered() {
		String script = "-- " + "c".repeat(100_000) + "\n/* " + "d;".repeat(100_000) + " */ SELECT 1";
		assertThat(SplitBothWays.split(splitter, script)).containsExactly(new SqlStatement("SELECT 1", 2));
	}

	@Test
	void iteratorFollowsTheIteratorContract() {
		Iterator<SqlStatement> statements = splitter.statements(new StringReader("SELECT 1; SELECT 2"), 1);
		assertThat(statements.hasNext()).isTrue();
		assertThat(statements.hasNext()).isTrue();
		assertThat(statements.next().sql()).isEqualTo("SELECT 1");
		assertThat(statements.next().sql()).isEqualTo("SELECT 2");
		assertThat(statements.hasNext()).isFalse();
		assertThatThrownBy(statements::next).isInstanceOf(NoSuchElementException.class);
	}

	@Test
	void deliversStatementsBeforeBadInputThenStops() {
		Iterator<SqlStatement> statements = splitter.statements(new StringReader("SELECT 1;\nSELECT 'oops"), 1);
		assertThat(statements.next().sql()).isEqualTo("SELECT 1");
		assertThatThrownBy(statements::hasNext)
				.isInstanceOfSatisfying(SqlSplitException.class, e -> assertThat(e.line()).isEqualTo(2));
		assertThat(statements.hasNext()).isFalse();
	}

	@Test
	void readFailureBecomesUncheckedAndEndsTheIteration() {
		IOException cause = new IOException("disk gone");
		Reader failing = new Reader() {
			private boolean served;

			@Override
			public int read(char[] target, int offset, int length) throws IOException {
				if (served) {
					throw cause;
				}
				served = true;
				"SELECT 1; SELECT".getChars(0, 16, target, offset);
				return 16;
			}

			@Override
			public void close() {
				// nothing to release
			}
		};
		Iterator<SqlStatement> statements = splitter.statements(failing, 1, 64);
		assertThat(statements.next().sql()).isEqualTo("SELECT 1");
		assertThatThrownBy(statements::next).isInstanceOf(UncheckedIOException.class).hasCause(cause);
		assertThat(statements.hasNext()).isFalse();
	}

	@Test
	void leavesTheReaderOpen() {
		boolean[] closed = {false};
		Reader reader = new StringReader("SELECT 1") {
			@Override
			public void close() {
				closed[0] = true;
			}
		};
		SplitBothWays.drain(splitter.statements(reader, 1));
		assertThat(closed[0]).isFalse();
	}

	@Test
	void rejectsBadArguments() {
		assertThatThrownBy(() -> splitter.split(null)).isInstanceOf(NullPointerException.class);
		assertThatThrownBy(() -> splitter.statements(null, 1)).isInstanceOf(NullPointerException.class);
		assertThatThrownBy(() -> splitter.split("SELECT 1", 0))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstLine");
		assertThatThrownBy(() -> splitter.statements(new StringReader(""), 0))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> splitter.statements(new StringReader(""), 1, 0))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new SqlStatement(null, 1)).isInstanceOf(NullPointerException.class);
	}
}
