package dev.migrator.core;

import java.nio.file.Path;

/** The bad-input catalogue for files and scripts on a real SQLite file. */
class BadInputFilesSqliteTest extends BadInputFilesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
