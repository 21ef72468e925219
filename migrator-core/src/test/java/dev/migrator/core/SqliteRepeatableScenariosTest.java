package dev.migrator.core;

import java.nio.file.Path;

class SqliteRepeatableScenariosTest extends RepeatableScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
