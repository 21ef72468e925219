package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigrationFailedException;

/**
 * A deploy that fails again and again must not fill the disk: a run finding the database in the
 * state of a verified backup reuses it, and the ceilings hold whatever the backups' age.
 */
abstract class BoundedBackupsScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	/** Fails after the database committed its first statement, which creates table {@code stays}. */
	abstract String failsHalfWay();

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("001_create_orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(50) NOT NULL);");
		this.fx.migrator().migrate();
		this.fx.execute("INSERT INTO orders (id, item) VALUES (1, 'first')");
	}

	@Test
	void repeatedFailedRunsOfTheSameStateLeaveOneBackupOfIt() throws Exception {
		// rolled back whole each time; the failure, the repair and the log rows they leave are not the state
		this.fx.write("002_fails.sql", "INSERT INTO orders (id, item) VALUES (2, 'second');\nINSERT INTO no_such_table VALUES (1);");
		for (int run = 0; run < 5; run++) {
			assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class);
			this.fx.migrator().repair();
		}

		// the first run's backup has no fingerprint (a first run at a version never reads for one), the second's
		// has, and the three after it reuse that one (each run is alike: more runs would prove nothing more)
		assertThat(backupsAt("001")).hasSize(2);
	}

	@Test
	void aChangedStateGetsABackupOfItsOwn() throws Exception {
		failTwice();
		this.fx.execute("UPDATE orders SET item = 'changed' WHERE id = 1");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class);

		assertThat(backupsAt("001")).hasSize(3);
	}

	@Test
	void aBackupWhoseBytesChangedIsNotReused() throws Exception {
		failTwice();
		// the newest, which has the fingerprint
		Path damaged = backupFolder().resolve(backupsAt("001").get(0).id());
		Files.write(damaged, new byte[] { 1, 2, 3 }, java.nio.file.StandardOpenOption.APPEND);

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class);

		assertThat(backupsAt("001")).hasSize(3).filteredOn(BackupInfo::verified).hasSize(2);
	}

	@Test
	void twiceTheCeilingOfRestoredFailuresStayWithinTheCountCeilingAndKeepTheNewest() throws Exception {
		this.fx.write("002_stays.sql", failsHalfWay());
		String newest = null;
		// twice the ceiling and one: the oldest are deleted run after run, not only once
		int ceiling = 2;
		for (int run = 0; run < 2 * ceiling + 1; run++) {
			assertThatThrownBy(() -> this.fx.configure().backupMaxCount(ceiling).load().migrate())
				.isInstanceOf(MigrationFailedException.class)
				.hasMessageContaining("The database was restored from backup ");
			newest = this.fx.migrator().backups().get(0).id();
			this.fx.migrator().repair();
		}

		List<BackupInfo> left = this.fx.migrator().backups();
		assertThat(left).hasSizeLessThanOrEqualTo(ceiling).first().extracting(BackupInfo::id).isEqualTo(newest);
		assertThat(backupsAt("001")).isNotEmpty();
	}

	/** Two failed runs of one state: the second backup carries the state's fingerprint. */
	private void failTwice() throws Exception {
		this.fx.write("002_fails.sql", "INSERT INTO no_such_table VALUES (1);");
		for (int run = 0; run < 2; run++) {
			assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class);
			this.fx.migrator().repair();
		}
		assertThat(backupsAt("001")).hasSize(2);
	}

	abstract Path backupFolder();

	private List<BackupInfo> backupsAt(String version) {
		return this.fx.migrator().backups().stream().filter((b) -> b.version().equals(version)).toList();
	}

}
