package dev.migrator.core;

import java.nio.file.Path;

class PostgresRepeatableScenariosTest extends RepeatableScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
