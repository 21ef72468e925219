package dev.migrator.core;

import java.nio.file.Path;

class SqliteValidationScenariosTest extends ValidationScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
