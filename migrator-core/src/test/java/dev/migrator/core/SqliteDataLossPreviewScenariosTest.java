package dev.migrator.core;

import java.nio.file.Path;

class SqliteDataLossPreviewScenariosTest extends DataLossPreviewScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
