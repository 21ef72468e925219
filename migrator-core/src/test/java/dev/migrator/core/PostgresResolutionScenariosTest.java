package dev.migrator.core;

import java.nio.file.Path;

class PostgresResolutionScenariosTest extends ResolutionScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
