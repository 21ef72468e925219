package dev.migrator.core;

import java.nio.file.Path;

class BadInputEnvironmentHistoryMariaDbTest extends BadInputEnvironmentHistoryScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new MariaDbFixture(dir);
	}

}
