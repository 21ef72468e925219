package dev.migrator.core;

import java.nio.file.Path;

class PostgresBaselineScenariosTest extends BaselineScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
