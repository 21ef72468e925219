package dev.migrator.core;

import java.nio.file.Path;

class SqlitePrerequisitesScenariosTest extends PrerequisitesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
