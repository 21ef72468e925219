package dev.migrator.core;

import java.nio.file.Path;

class PostgresJavaMigrationScenariosTest extends JavaMigrationScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
