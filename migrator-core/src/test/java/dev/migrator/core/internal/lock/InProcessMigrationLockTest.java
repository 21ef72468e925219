package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class InProcessMigrationLockTest extends MigrationLockContract {

	/** Fresh per test: the locks live as long as the JVM. */
	private final String key = "jdbc:sqlite:file:" + UUID.randomUUID() + "?mode=memory";

	@Override
	protected MigrationLock lockOnTheDatabase() {
		return new InProcessMigrationLock(this.key, "in-memory database " + this.key);
	}

	@Test
	void differentKeysDoNotBlockEachOther() {
		acquire(Duration.ZERO);

		try (LockLease other = new InProcessMigrationLock(this.key + "-other", "other").acquire(Duration.ZERO)) {
			assertThat(other.holder().known()).isTrue();
		}
	}

}
