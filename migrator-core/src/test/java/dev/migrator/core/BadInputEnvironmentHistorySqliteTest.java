package dev.migrator.core;

import java.nio.file.Path;

class BadInputEnvironmentHistorySqliteTest extends BadInputEnvironmentHistoryScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
