package dev.migrator.core;

import java.nio.file.Path;

class SqliteJavaMigrationScenariosTest extends JavaMigrationScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
