package dev.migrator.core;

import java.nio.file.Path;

class PostgresPrerequisitesScenariosTest extends PrerequisitesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
