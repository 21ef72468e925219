package dev.migrator.core;

import java.nio.file.Path;

class MariaDbTransactionControlScenariosTest extends TransactionControlScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new MariaDbFixture(dir);
	}

	@Override
	boolean seesEndedTransactions() {
		return false;
	}

	@Override
	boolean dryRuns() {
		return false;
	}

}
