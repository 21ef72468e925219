package dev.migrator.core;

import java.nio.file.Path;

class PostgresListenerScenariosTest extends ListenerScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
