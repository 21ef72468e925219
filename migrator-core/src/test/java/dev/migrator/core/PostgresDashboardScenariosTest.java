package dev.migrator.core;

import java.nio.file.Path;

class PostgresDashboardScenariosTest extends DashboardScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
