package dev.migrator.core;

import java.nio.file.Path;

class MariaDbMigrationIndexScenariosTest extends MigrationIndexScenarios {

	/** The index's (or the folders') behaviour is the subject, not the backup each run would make first. */
	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new MariaDbFixture(dir).withoutBackups();
	}

}
