package dev.migrator.core;

import java.nio.file.Path;

class SqliteMigrationIndexScenariosTest extends MigrationIndexScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
