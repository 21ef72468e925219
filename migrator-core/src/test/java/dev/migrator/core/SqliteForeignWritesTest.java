package dev.migrator.core;

import java.nio.file.Path;

class SqliteForeignWritesTest extends ForeignWritesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	@Override
	String failsHalfWay() {
		return "-- migrator:no-transaction\nCREATE TABLE stays (id INTEGER);\nSELEC 1;";
	}

	/** WAL, as an application that writes while it migrates would use: readers and a writer do not block each other. */
	@Override
	void prepareForAConcurrentWriter() throws Exception {
		this.fx.query("PRAGMA journal_mode = WAL");
	}

	@Override
	Path backupFolder() {
		return this.dir.resolve("backups");
	}

}
