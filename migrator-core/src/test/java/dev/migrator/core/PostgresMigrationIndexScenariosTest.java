package dev.migrator.core;

import java.nio.file.Path;

class PostgresMigrationIndexScenariosTest extends MigrationIndexScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
