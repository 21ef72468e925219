package dev.migrator.core.internal.lock;

class PostgresSessionLockTest extends MigrationLockContract {

	private final PostgresLocks locks = new PostgresLocks();

	@Override
	protected MigrationLock lockOnTheDatabase() {
		return this.locks.session();
	}

}
