package dev.migrator.core.internal.backup;

import static dev.migrator.core.internal.backup.SqliteBackupStoreTest.fileNames;
import static dev.migrator.core.internal.backup.SqliteBackupStoreTest.flipByte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigratorException;

class SqliteBackupRestoreTest {

	@TempDir
	Path dir;

	Path backups;

	MutableClock clock;

	@BeforeEach
	void setUp() {
		this.backups = this.dir.resolve("backups");
		this.clock = new MutableClock(Instant.parse("2025-03-04T05:06:07Z"));
	}

	@ParameterizedTest
	@CsvSource({ "delete, false", "wal, false", "delete, true", "wal, true" })
	void restoreBringsBackTheEarlierStateWhileAnotherConnectionStaysOpen(String journalMode, boolean compress)
			throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), journalMode);
		SqliteBackupStore store = store(compress);
		List<String> earlier = db.dump();
		BackupInfo taken;
		try (Connection connection = db.connect()) {
			taken = store.backup(connection, "1");
		}
		db.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total INTEGER)", "INSERT INTO invoice (total) VALUES (5)",
				"DELETE FROM orders WHERE id > 10", "UPDATE customer SET name = 'Grace' WHERE id = 1");
		List<String> later = db.dump();
		this.clock.advance(Duration.ofMinutes(5));

		RestoreResult result;
		try (Connection application = db.connect(); Connection connection = db.connect()) {
			assertThat(SqliteTestDatabase.query(application, "SELECT count(*) FROM orders")).containsExactly("10");

			result = store.restore(connection, taken.id(), "2");

			assertThat(SqliteTestDatabase.query(application, "SELECT count(*) FROM orders")).containsExactly("200");
			assertThat(SqliteTestDatabase.dump(application)).isEqualTo(earlier);
		}

		assertThat(db.dump()).isEqualTo(earlier);
		assertThat(db.query("PRAGMA journal_mode")).containsExactly(journalMode);
		assertThat(db.query("PRAGMA integrity_check")).containsExactly("ok");
		assertThat(result.restored()).isEqualTo(taken);
		BackupInfo safety = result.safetyBackup();
		assertThat(safety.id()).isEqualTo("app_20250304_051107_v2.db" + (compress ? ".gz" : ""));
		assertThat(store.list()).containsExactly(safety, taken);
		assertThat(dumpOf(store, safety)).isEqualTo(later);
		assertThat(fileNames(this.backups)).containsExactly(taken.id(), taken.id() + ".sha256", safety.id(),
				safety.id() + ".sha256");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../etc/passwd", "/etc/passwd", "a/b.db", "a\\b.db", "app_20250304_050607_v1.db/",
			"../backups/app_20250304_050607_v1.db", "app_20200101_000000_v1.db", "app_20250304_050607_v1.db.sha256", "",
			" ", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/app.db", "app_20250304_050607_v1.db\u0000.txt" })
	void restoreRefusesAnythingButTheNameOfAListedBackupBeforeTouchingAFile(String id) throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		SqliteBackupStore store = store(false);
		try (Connection connection = db.connect()) {
			store.backup(connection, "1");
		}
		db.execute("DELETE FROM orders");
		List<String> before = db.dump();
		Map<String, String> files = snapshot(this.backups);

		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store.restore(connection, id, "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("nothing was touched");
		}

		assertThat(db.dump()).isEqualTo(before);
		assertThat(snapshot(this.backups)).isEqualTo(files);
	}

	@Test
	void aSymlinkNamedLikeABackupIsNeitherListedNorRestored() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		SqliteBackupStore store = store(false);
		BackupInfo taken;
		try (Connection connection = db.connect()) {
			taken = store.backup(connection, "1");
		}
		// a backup and its sidecar moved outside the folder, linked back in under a backup's name
		Path outside = Files.createDirectories(this.dir.resolve("outside"));
		Files.move(this.backups.resolve(taken.id()), outside.resolve("elsewhere.db"));
		Files.move(this.backups.resolve(taken.id() + ".sha256"), outside.resolve("elsewhere.db.sha256"));
		Files.createSymbolicLink(this.backups.resolve(taken.id()), outside.resolve("elsewhere.db"));
		Files.createSymbolicLink(this.backups.resolve(taken.id() + ".sha256"), outside.resolve("elsewhere.db.sha256"));
		db.execute("DELETE FROM orders");
		List<String> before = db.dump();
		Map<String, String> outsideFiles = snapshot(outside);

		assertThat(store.list()).isEmpty();
		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store.restore(connection, taken.id(), "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("nothing was touched");
		}

		assertThat(db.dump()).isEqualTo(before);
		assertThat(snapshot(outside)).isEqualTo(outsideFiles);
	}

	@Test
	void restoreRefusesNull() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store(false).restore(connection, null, "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("No backup id given");
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void corruptedBackupIsRefusedAndTheDatabaseStaysAsItIs(boolean compress) throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		SqliteBackupStore store = store(compress);
		BackupInfo taken;
		try (Connection connection = db.connect()) {
			taken = store.backup(connection, "1");
		}
		db.execute("DELETE FROM orders");
		List<String> before = db.dump();
		flipByte(this.backups.resolve(taken.id()), Files.size(this.backups.resolve(taken.id())) / 2);
		Map<String, String> files = snapshot(this.backups);

		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store.restore(connection, taken.id(), "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("Backup " + taken.id() + " is corrupt: its SHA-256 is")
				.hasMessageContaining("The database was not touched");
		}

		assertThat(db.dump()).isEqualTo(before);
		assertThat(snapshot(this.backups)).isEqualTo(files);
	}

	@Test
	void backupWithoutChecksumIsRefused() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		SqliteBackupStore store = store(false);
		BackupInfo taken;
		try (Connection connection = db.connect()) {
			taken = store.backup(connection, "1");
		}
		Files.delete(ChecksumSidecar.of(this.backups.resolve(taken.id())));

		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store.restore(connection, taken.id(), "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("has no recorded checksum");
		}
	}

	@Test
	void backupWhoseContentIsNoDatabaseIsRefused() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		Path fake = Files.createDirectories(this.backups).resolve("app_20250101_000000_v1.db");
		Files.writeString(fake, "not a database ".repeat(500));
		ChecksumSidecar.write(fake, ChecksumSidecar.compute(fake));
		List<String> before = db.dump();

		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store(false).restore(connection, fake.getFileName().toString(), "2"))
				.isInstanceOf(MigratorException.class)
				.hasMessageContaining("is damaged: its content cannot be read as a SQLite database");
		}

		assertThat(db.dump()).isEqualTo(before);
		assertThat(fileNames(this.backups)).containsExactly(fake.getFileName().toString(), fake.getFileName() + ".sha256");
	}

	@Test
	void backupThatIsDamagedInsideIsRefusedEvenWithAMatchingChecksum() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		SqliteBackupStore store = store(false);
		BackupInfo taken;
		try (Connection connection = db.connect()) {
			taken = store.backup(connection, "1");
		}
		Path file = this.backups.resolve(taken.id());
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.seek(4096 + 8);
			raf.write(new byte[512]);
		}
		// Damaged before its checksum was taken, as a faulty disk or a bug might.
		ChecksumSidecar.write(file, ChecksumSidecar.compute(file));
		db.execute("DELETE FROM orders");
		List<String> before = db.dump();

		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store.restore(connection, taken.id(), "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("Backup " + taken.id() + " is damaged: PRAGMA integrity_check on its content answered '")
				.hasMessageContaining("The database was not touched");
		}

		assertThat(db.dump()).isEqualTo(before);
		assertThat(fileNames(this.backups)).containsExactly(taken.id(), taken.id() + ".sha256");
	}

	@Test
	void compressedBackupThatIsNoGzipIsRefused() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		Path fake = Files.createDirectories(this.backups).resolve("app_20250101_000000_v1.db.gz");
		Files.writeString(fake, "not a gzip");
		ChecksumSidecar.write(fake, ChecksumSidecar.compute(fake));
		List<String> before = db.dump();

		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store(false).restore(connection, fake.getFileName().toString(), "2"))
				.isInstanceOf(MigratorException.class)
				.hasMessageContaining("failed before the database was changed")
				.hasMessageContaining("the database was not touched");
		}

		assertThat(db.dump()).isEqualTo(before);
		assertThat(fileNames(this.backups)).containsExactly(fake.getFileName().toString(), fake.getFileName() + ".sha256");
	}

	@Test
	void backupOfAnotherDatabaseIsRefused() throws Exception {
		SqliteTestDatabase app = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		SqliteTestDatabase other = SqliteTestDatabase.create(this.dir.resolve("other.db"), "delete");
		SqliteBackupStore store = store(false);
		BackupInfo taken;
		try (Connection connection = other.connect()) {
			taken = store.backup(connection, "1");
		}

		try (Connection connection = app.connect()) {
			assertThatThrownBy(() -> store.restore(connection, taken.id(), "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("was taken of a database named 'other'");
		}
	}

	@Test
	void restoreDoesNotStartWithoutASafetyBackup() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		// The backup of version 2, taken as the safety backup, comes out unreadable.
		SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(this.backups), this.clock, (copy) -> {
			if (copy.getFileName().toString().contains("_v2")) {
				Files.writeString(copy, "damaged");
			}
		});
		BackupInfo taken;
		try (Connection connection = db.connect()) {
			taken = store.backup(connection, "1");
		}
		db.execute("DELETE FROM orders");
		List<String> before = db.dump();

		try (Connection connection = db.connect()) {
			assertThatThrownBy(() -> store.restore(connection, taken.id(), "2")).isInstanceOf(MigratorException.class)
				.hasMessageStartingWith("Restoring " + taken.id() + " was not started: the safety backup of the current"
						+ " state failed. Backup ")
				.hasMessageEndingWith("The database was not touched.");
		}

		assertThat(db.dump()).isEqualTo(before);
		assertThat(fileNames(this.backups)).containsExactly(taken.id(), taken.id() + ".sha256");
	}

	@Test
	void restoreBlockedByAnotherConnectionsLockIsReportedNotPassedOff() throws Exception {
		SqliteTestDatabase db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
		SqliteBackupStore store = store(false);
		BackupInfo taken;
		try (Connection connection = db.connect()) {
			taken = store.backup(connection, "1");
		}
		db.execute("DELETE FROM orders");
		List<String> before = db.dump();

		try (Connection holder = db.connect(); Connection connection = db.connect()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("PRAGMA busy_timeout = 50");
			}
			this.clock.advance(Duration.ofSeconds(1));
			// Taken while nobody holds a lock; then another connection holds a read lock, which blocks the restore.
			holder.setAutoCommit(false);
			SqliteTestDatabase.query(holder, "SELECT count(*) FROM customer");

			assertThatThrownBy(() -> store.restore(connection, taken.id(), "2")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("did not take effect: another connection held a lock")
				.hasMessageContaining("safety backup app_20250304_050608_v2.db");
			holder.rollback();
		}

		assertThat(db.dump()).isEqualTo(before);
	}

	private SqliteBackupStore store(boolean compress) {
		return new SqliteBackupStore(new BackupSettings(this.backups, compress, 10, Duration.ofDays(30)), this.clock);
	}

	/** The dump of a stored backup, read from a copy so the stored file stays as checksummed. */
	private List<String> dumpOf(SqliteBackupStore store, BackupInfo backup) throws Exception {
		Path stored = this.backups.resolve(backup.id());
		Path copy = this.dir.resolve("read-" + backup.id() + ".db");
		try (InputStream in = backup.id().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(stored))
				: Files.newInputStream(stored)) {
			Files.copy(in, copy);
		}
		return new SqliteTestDatabase(copy).dump();
	}

	/** Every file in the folder with its size and modification time. */
	private static Map<String, String> snapshot(Path directory) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		for (String name : fileNames(directory)) {
			Path file = directory.resolve(name);
			files.put(name, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis() + "#"
					+ ChecksumSidecar.compute(file));
		}
		return files;
	}

}
