package dev.migrator.core;

import java.nio.file.Path;

class PostgresDataLossPreviewScenariosTest extends DataLossPreviewScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
