package dev.migrator.core;

import java.nio.file.Path;

class MariaDbMigrationIndexScenariosTest extends MigrationIndexScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new MariaDbFixture(dir);
	}

}
