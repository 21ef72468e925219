package dev.migrator.core;

import java.nio.file.Path;

class BadInputEnvironmentHistoryMariaDbTest extends BadInputEnvironmentHistoryScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		// edited histories are the subject, not the backup each run would make first
		return new MariaDbFixture(dir).withoutBackups();
	}

}
