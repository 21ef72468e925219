package dev.migrator.core.internal.lock;

import java.time.Duration;

class LockTableMigrationLockTest extends MigrationLockContract {

	private final PostgresLocks locks = new PostgresLocks();

	@Override
	protected MigrationLock lockOnTheDatabase() {
		return this.locks.table(Duration.ofSeconds(30));
	}

}
