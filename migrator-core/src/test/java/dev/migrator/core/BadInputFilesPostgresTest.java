package dev.migrator.core;

import java.nio.file.Path;

/** The bad-input catalogue for files and scripts on a real PostgreSQL, plus its own quoting. */
class BadInputFilesPostgresTest extends BadInputFilesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
