package dev.migrator.core;

import java.nio.file.Path;

class SqliteListenerScenariosTest extends ListenerScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
