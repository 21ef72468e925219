package dev.migrator.core.internal.lock;

import java.time.Duration;

class PostgresTransactionLockTest extends MigrationLockContract {

	private final PostgresLocks locks = new PostgresLocks();

	@Override
	protected MigrationLock lockOnTheDatabase() {
		return this.locks.transaction(Duration.ofSeconds(30));
	}

}
