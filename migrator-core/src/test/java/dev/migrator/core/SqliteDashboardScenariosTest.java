package dev.migrator.core;

import java.nio.file.Path;

class SqliteDashboardScenariosTest extends DashboardScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
