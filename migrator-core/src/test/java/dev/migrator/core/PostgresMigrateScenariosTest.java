package dev.migrator.core;

import java.nio.file.Path;

class PostgresMigrateScenariosTest extends MigrateScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
