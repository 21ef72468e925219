package dev.migrator.core;

import java.nio.file.Path;

class PostgresValidationScenariosTest extends ValidationScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
