package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;

class SqliteBackupRetentionTest {

	private static final Instant DAY_0 = Instant.parse("2025-01-01T12:00:00Z");

	@TempDir
	Path dir;

	MutableClock clock;

	SqliteTestDatabase db;

	@BeforeEach
	void setUp() throws Exception {
		this.clock = new MutableClock(DAY_0);
		this.db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
	}

	@Test
	void deletesOnlyBackupsBeyondTheNewestCountThatAreAlsoOlderThanTheAge() throws Exception {
		SqliteBackupStore store = store(2, Duration.ofDays(30));
		List<String> ids = backupsOnDays(store, this.db, 0, 10, 20, 40, 50, 60);
		// Now day 60: the newest two (days 60, 50) stay by count, day 40 (20 days old) by age.
		List<String> deleted = store.prune(ids.get(5));

		assertThat(deleted).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2));
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(ids.get(5), ids.get(4), ids.get(3));
		assertThat(SqliteBackupStoreTest.fileNames(this.dir.resolve("backups")))
			.noneMatch((name) -> name.startsWith(ids.get(0)));
	}

	@Test
	void youngBackupsStayHoweverManyThereAre() throws Exception {
		SqliteBackupStore store = store(1, Duration.ofDays(30));
		List<String> ids = backupsOnDays(store, this.db, 1, 2, 3, 4, 5);

		assertThat(store.prune(ids.get(4))).isEmpty();
		assertThat(store.list()).hasSize(5);
	}

	@Test
	void theNewestCountStayHoweverOldTheyAre() throws Exception {
		SqliteBackupStore store = store(3, Duration.ZERO);
		List<String> ids = backupsOnDays(store, this.db, 0, 1, 2, 3);

		assertThat(store.prune(null)).containsExactly(ids.get(0));
	}

	@Test
	void theCurrentRunsBackupAndTheNewestAreNeverDeleted() throws Exception {
		SqliteBackupStore store = store(0, Duration.ZERO);
		List<String> ids = backupsOnDays(store, this.db, 0, 1, 2);
		this.clock.advance(Duration.ofDays(400));

		assertThat(store.prune(ids.get(0))).containsExactly(ids.get(1));
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(ids.get(2), ids.get(0));
	}

	@Test
	void theCountCeilingDeletesTheOldestEvenWhenAllAreYoung() throws Exception {
		SqliteBackupStore store = store(10, Duration.ofDays(30), 3, 0);
		List<String> ids = backupsOnDays(store, this.db, 1, 2, 3, 4, 5);

		assertThat(store.prune(ids.get(4))).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(ids.get(4), ids.get(3), ids.get(2));
		assertThat(SqliteBackupStoreTest.fileNames(this.dir.resolve("backups")))
			.noneMatch((name) -> name.startsWith(ids.get(0)) || name.startsWith(ids.get(1)));
	}

	@Test
	void theSizeCeilingDeletesTheOldestBeyondTheTotalEvenWhenAllAreYoung() throws Exception {
		SqliteBackupStore sizing = store(10, Duration.ofDays(30));
		long size;
		try (Connection connection = this.db.connect()) {
			size = sizing.backup(connection, "0").size();
		}
		sizing.prune(null);
		SqliteBackupStore store = store(10, Duration.ofDays(30), 100, size * 5 / 2);
		List<String> ids = backupsOnDays(store, this.db, 1, 2, 3, 4);

		// the first backup, taken to learn the size, is the oldest of all
		assertThat(store.prune(ids.get(3))).hasSize(3).contains(ids.get(0), ids.get(1));
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(ids.get(3), ids.get(2));
	}

	@Test
	void theDefaultSizeCeilingIsTenTimesTheNewestBackup() throws Exception {
		SqliteBackupStore store = store(1, Duration.ofDays(30), 100, 0);
		List<String> ids = backupsOnDays(store, this.db, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

		assertThat(store.prune(ids.get(11))).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
		assertThat(store.list()).hasSize(10);
	}

	@Test
	void theCeilingsNeverDeleteTheNewestNorTheCurrentRunsBackup() throws Exception {
		SqliteBackupStore store = store(1, Duration.ZERO, 1, 1);
		List<String> ids = backupsOnDays(store, this.db, 1, 2, 3);

		assertThat(store.prune(ids.get(0))).containsExactly(ids.get(1));
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(ids.get(2), ids.get(0));
	}

	@Test
	void eachDatabaseInTheFolderIsCountedOnItsOwn() throws Exception {
		SqliteBackupStore store = store(2, Duration.ofDays(1));
		SqliteTestDatabase other = SqliteTestDatabase.create(this.dir.resolve("other.db"), "delete");
		List<String> app = backupsOnDays(store, this.db, 0, 1, 2);
		this.clock.set(DAY_0);
		List<String> others = backupsOnDays(store, other, 0, 3);

		assertThat(store.prune(app.get(2))).containsExactly(app.get(0));
		assertThat(store.list()).extracting(BackupInfo::id).contains(others.get(0), others.get(1));
	}

	private SqliteBackupStore store(int count, Duration age) {
		return new SqliteBackupStore(new BackupSettings(this.dir.resolve("backups"), false, count, age), this.clock);
	}

	private SqliteBackupStore store(int count, Duration age, int maxCount, long maxTotalSize) {
		return new SqliteBackupStore(new BackupSettings(this.dir.resolve("backups"), false, count, age, maxCount,
				maxTotalSize), this.clock);
	}

	/** One backup on each day after {@link #DAY_0}; the clock stays on the last. */
	private List<String> backupsOnDays(SqliteBackupStore store, SqliteTestDatabase database, int... days) throws Exception {
		List<String> ids = new ArrayList<>();
		for (int day : days) {
			this.clock.set(DAY_0.plus(Duration.ofDays(day)));
			try (Connection connection = database.connect()) {
				ids.add(store.backup(connection, String.valueOf(day)).id());
			}
		}
		return ids;
	}

}
