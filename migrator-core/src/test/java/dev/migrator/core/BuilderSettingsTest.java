package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/**
 * The builder's settings as a user gives them one at a time: one half of a pair keeps the other half
 * whichever comes first, an impossible value is refused naming the setting, and a dry-run rollback by
 * steps says what it would undo while changing nothing.
 */
class BuilderSettingsTest {

	@TempDir
	Path dir;

	@Test
	void settingOneHalfOfAPairKeepsTheOtherInEitherOrder() {
		Configuration countFirst = builder().backupRetentionCount(3).backupRetentionAge(Duration.ofDays(7)).configuration();
		Configuration ageFirst = builder().backupRetentionAge(Duration.ofDays(7)).backupRetentionCount(3).configuration();
		Configuration lock = builder().lockWaitTimeout(Duration.ofSeconds(5))
			.lockLease(Duration.ofSeconds(9))
			.lockMaxWait(Duration.ofMinutes(10))
			.configuration();

		for (Configuration configuration : new Configuration[] { countFirst, ageFirst }) {
			assertThat(configuration.backup().retentionCount()).isEqualTo(3);
			assertThat(configuration.backup().retentionAge()).isEqualTo(Duration.ofDays(7));
			assertThat(configuration.backup().maxCount()).as("the ceilings keep their defaults").isEqualTo(20);
		}
		assertThat(lock.lock()).isEqualTo(new Configuration.Lock(Duration.ofSeconds(5), Duration.ofSeconds(9),
				Configuration.Lock.DEFAULTS.mode(), Duration.ofMinutes(10)));
		assertThat(new Configuration.Lock(Duration.ofSeconds(5), Duration.ofSeconds(9)).maxWait())
			.isEqualTo(Configuration.Lock.DEFAULT_MAX_WAIT);
	}

	@Test
	void backupSettingsGivenAtOnceReplaceEveryOneBefore() {
		Configuration.Backup given = new Configuration.Backup(false, this.dir, true, 2, Duration.ofDays(1), null);

		Configuration configuration = builder().backupMaxCount(5).backupMaxTotalSize(1000).backup(given).configuration();
		Configuration bounded = builder().backup(given).backupMaxTotalSize(4096).configuration();

		assertThat(configuration.backup()).isEqualTo(given);
		assertThat(configuration.backup().maxCount()).isEqualTo(20);
		assertThat(configuration.backup().maxTotalSize()).as("0: ten times the newest backup").isZero();
		assertThat(bounded.backup()).isEqualTo(given.withMaxTotalSize(4096));
	}

	@Test
	void anImpossibleValueIsRefusedNamingTheSettingAndWhatItMustBe() {
		assertThatThrownBy(() -> builder().lockLease(Duration.ZERO)).isInstanceOf(MigratorException.class)
			.hasMessage("The lock lease must be more than zero: a holder renews it every third of it");
		assertThatThrownBy(() -> builder().lockWaitTimeout(Duration.ofSeconds(-1))).isInstanceOf(MigratorException.class)
			.hasMessage("The lock wait timeout must be zero or more, not PT-1S");
		assertThatThrownBy(() -> builder().lockMaxWait(null)).isInstanceOf(MigratorException.class)
			.hasMessage("The lock max wait must be zero or more, not null");
		assertThatThrownBy(() -> builder().backupRetentionCount(0)).isInstanceOf(MigratorException.class)
			.hasMessage("Backup retention count must be at least 1 (the backup of the current run is always kept), not 0");
		assertThatThrownBy(() -> builder().backupMaxCount(0)).isInstanceOf(MigratorException.class)
			.hasMessage("Backup max count must be at least 1 (the newest backup is always kept), not 0");
		assertThatThrownBy(() -> builder().backupMaxTotalSize(-1)).isInstanceOf(MigratorException.class)
			.hasMessage("Backup max total size must be 0 (ten times the newest backup) or more bytes, not -1");
		assertThatThrownBy(() -> builder().table(null).configuration()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Invalid history table name 'null': use a plain SQL identifier");
	}

	@Test
	void aDryRunRollbackByStepsSaysWhatItWouldUndoAndChangesNothing() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
			.write("1_users.down.sql", "DROP TABLE users;")
			.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);")
			.write("2_tags.down.sql", "DROP TABLE tags;");
		fx.migrator().migrate();
		byte[] before = Files.readAllBytes(fx.db);

		RunResult result = fx.migrator().rollback(1, new RunOptions(false, false).withDryRun(true));

		assertThat(result.dryRun()).isTrue();
		assertThat(result.migrations()).singleElement().satisfies((run) -> assertThat(run.version()).hasToString("2"));
		assertThat(result.currentVersion()).hasToString("1");
		assertThat(Files.readAllBytes(fx.db)).as("the database file is untouched").isEqualTo(before);
		assertThat(fx.migrator().status().currentVersion()).hasToString("2");
	}

	private static Migrator.Builder builder() {
		return Migrator.configure().url("jdbc:sqlite::memory:");
	}

}
