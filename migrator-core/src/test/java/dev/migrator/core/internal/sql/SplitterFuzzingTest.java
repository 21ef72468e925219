package dev.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer itself catches what it is there for: a hang and a foreign exception, with the input saved. */
class SplitterFuzzingTest {

	@TempDir
	Path saved;

	@Test
	void reportsAHangWithItsSeedAndSavesTheInput() throws InterruptedException {
		SplitterFuzzing.Report report = fuzz(new StatementSplitter() {
			@Override
			protected int blockDepthChange(String word, String previousWord, List<String> leadingWords, int depth) {
				while (word.equals("HANG") && !Thread.currentThread().isInterrupted()) {
					Thread.onSpinWait();
				}
				return 0;
			}
		}, Duration.ofMillis(300));
		assertThat(report.failures()).singleElement().asString().contains("seed", "hangs", this.saved.toString());
		assertThat(this.saved).isDirectoryContaining("glob:**.txt").isDirectoryContaining("glob:**.sql");
	}

	@Test
	void reportsAnExceptionOtherThanItsOwnParseError() throws InterruptedException {
		SplitterFuzzing.Report report = fuzz(new StatementSplitter() {
			@Override
			protected int blockDepthChange(String word, String previousWord, List<String> leadingWords, int depth) {
				if (word.equals("HANG")) {
					throw new IllegalStateException("boom");
				}
				return 0;
			}
			// nothing here hangs: a bound a loaded machine cannot miss, so every failure is the exception
		}, Duration.ofSeconds(30));
		assertThat(report.failures()).isNotEmpty().allSatisfy((failure) -> assertThat(failure).contains("boom"));
	}

	private SplitterFuzzing.Report fuzz(StatementSplitter splitter, Duration inputBound) throws InterruptedException {
		SplitterFuzzing.Dialect dialect = new SplitterFuzzing.Dialect("broken", splitter, new String[] {"HANG", " ", ";"},
				(random) -> new SqliteScriptGenerator.Generated("SELECT 1", List.of(new SqlStatement("SELECT 1", 1))),
				SplitterFuzzing::joinWithSemicolons);
		return new SplitterFuzzing(dialect, Duration.ofSeconds(30), inputBound, 0, this.saved).run();
	}

}
