package dev.migrator.core;

import java.nio.file.Path;

class SqliteBaselineScenariosTest extends BaselineScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
