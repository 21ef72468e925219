package dev.migrator.core;

import java.nio.file.Path;

class PostgresDownVerificationScenariosTest extends DownVerificationScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
