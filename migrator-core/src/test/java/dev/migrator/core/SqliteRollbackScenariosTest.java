package dev.migrator.core;

import java.nio.file.Path;

class SqliteRollbackScenariosTest extends RollbackScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
