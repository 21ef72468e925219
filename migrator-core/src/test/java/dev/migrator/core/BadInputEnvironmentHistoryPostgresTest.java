package dev.migrator.core;

import java.nio.file.Path;

class BadInputEnvironmentHistoryPostgresTest extends BadInputEnvironmentHistoryScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
