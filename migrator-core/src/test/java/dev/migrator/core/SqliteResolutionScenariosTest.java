package dev.migrator.core;

import java.nio.file.Path;

class SqliteResolutionScenariosTest extends ResolutionScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
