package dev.migrator.core;

import java.nio.file.Path;

class SqliteMigrateScenariosTest extends MigrateScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
