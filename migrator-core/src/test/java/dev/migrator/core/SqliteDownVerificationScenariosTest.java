package dev.migrator.core;

import java.nio.file.Path;

class SqliteDownVerificationScenariosTest extends DownVerificationScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
