package dev.migrator.core;

import java.nio.file.Path;

class PostgresTransactionControlScenariosTest extends TransactionControlScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

	@Override
	String[] outsideOnlyStatements() {
		return new String[] { "CREATE INDEX CONCURRENTLY base_x ON base (x)", "VACUUM base" };
	}

}
