package dev.migrator.core.internal.sql;

import org.junit.jupiter.api.Test;

/** The PostgreSQL splitter under generated and mutated input for a time budget: see {@link SplitterFuzzing}. */
class PostgresStatementSplitterFuzzTest {

	@Test
	void splitsOrRejectsEveryInputAndRoundTrips() throws InterruptedException {
		SplitterFuzzing.fuzz(new SplitterFuzzing.Dialect("postgresql", new PostgresStatementSplitter(),
				SplitterFuzzing.tokens("$$", "$body$", "$a$", "$1", "E'\\''", "/* /* */", "ATOMIC", "BEGIN ATOMIC",
						"CREATE FUNCTION f() BEGIN ATOMIC ", "CREATE OR REPLACE PROCEDURE p() ", "::"),
				ServerScriptGenerator::postgres, SplitterFuzzing::joinWithSemicolons));
	}

}
