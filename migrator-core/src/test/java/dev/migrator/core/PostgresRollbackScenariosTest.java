package dev.migrator.core;

import java.nio.file.Path;

class PostgresRollbackScenariosTest extends RollbackScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
