package dev.migrator.core.internal.sql;

import org.junit.jupiter.api.Test;

/** The SQLite splitter under generated and mutated input for a time budget: see {@link SplitterFuzzing}. */
class SqliteStatementSplitterFuzzTest {

	@Test
	void splitsOrRejectsEveryInputAndRoundTrips() throws InterruptedException {
		SplitterFuzzing.fuzz(new SplitterFuzzing.Dialect("sqlite", new SqliteStatementSplitter(),
				SplitterFuzzing.tokens("`", "[", "]", "CREATE TRIGGER t AFTER INSERT ON x BEGIN ", "CREATE TEMP TRIGGER",
						"TEMPORARY", " END;", "CASE WHEN 1 THEN 2 END"),
				(random) -> new SqliteScriptGenerator(random.nextLong()).script(), SplitterFuzzing::joinWithSemicolons));
	}

}
