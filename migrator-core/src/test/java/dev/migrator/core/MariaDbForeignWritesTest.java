package dev.migrator.core;

import java.nio.file.Path;

class MariaDbForeignWritesTest extends ForeignWritesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new MariaDbFixture(dir);
	}

	/** DDL commits implicitly: the first statement stays when the second fails. */
	@Override
	String failsHalfWay() {
		return "CREATE TABLE stays (id INT);\nALTER TABLE no_such_table ADD COLUMN x INT;";
	}

	@Override
	Path backupFolder() {
		return ((MariaDbFixture) this.fx).backups;
	}

}
