package dev.migrator.core;

import java.nio.file.Path;

class SqliteBoundedBackupsTest extends BoundedBackupsScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	@Override
	String failsHalfWay() {
		return "-- migrator:no-transaction\nCREATE TABLE stays (id INTEGER);\nSELEC 1;";
	}

	@Override
	Path backupFolder() {
		return this.dir.resolve("backups");
	}

}
