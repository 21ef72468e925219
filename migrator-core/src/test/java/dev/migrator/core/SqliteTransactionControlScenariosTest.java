package dev.migrator.core;

import java.nio.file.Path;

class SqliteTransactionControlScenariosTest extends TransactionControlScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	@Override
	String[] outsideOnlyStatements() {
		return new String[] { "VACUUM", "vacuum main" };
	}

}
