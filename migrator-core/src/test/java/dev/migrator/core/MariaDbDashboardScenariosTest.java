package dev.migrator.core;

import java.nio.file.Path;

class MariaDbDashboardScenariosTest extends DashboardScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new MariaDbFixture(dir);
	}

}
