package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.internal.lock.FileMigrationLock;
import dev.migrator.core.internal.lock.LockLease;

/**
 * The start of an up-to-date application, the one every start pays, takes no lock: it reads the
 * committed history, finds nothing pending and nothing wrong, and is done, even while another
 * runner holds the lock. Anything pending still waits for the lock.
 */
class UpToDateStartTest {

	@TempDir
	Path dir;

	@Test
	@SuppressWarnings("try") // the lease holds the lock until the block ends; the test only holds it
	void nothingPendingIsDoneWhileAnotherRunnerHoldsTheLockAndAPendingMigrationWaits() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
			.write("2_rows.sql", "INSERT INTO users VALUES (1);");
		fx.migrator().migrate();
		Migrator migrator = fx.configure().lockWaitTimeout(Duration.ofMillis(300)).load();
		FileMigrationLock lock = new FileMigrationLock(Path.of(fx.db + FileMigrationLock.SUFFIX), "another runner");
		try (LockLease held = lock.acquire(Duration.ZERO)) {
			RunResult result = migrator.migrate();

			assertThat(result.migrations()).isEmpty();
			assertThat(result.currentVersion()).hasToString("2");
			assertThat(migrator.lockState().held()).isTrue();

			fx.write("3_more.sql", "INSERT INTO users VALUES (3);");
			assertThatThrownBy(migrator::migrate).isInstanceOf(LockTimeoutException.class);
		}
		assertThat(fx.query("SELECT id FROM users ORDER BY id")).containsExactly("1");
		assertThat(migrator.migrate().migrations()).hasSize(1);
	}

}
