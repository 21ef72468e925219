package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigratorException;

class SqliteBackupStoreTest {

	private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

	@TempDir
	Path dir;

	Path backups;

	MutableClock clock;

	SqliteTestDatabase db;

	@BeforeEach
	void setUp() throws Exception {
		this.backups = this.dir.resolve("backups");
		this.clock = new MutableClock(NOW);
		this.db = SqliteTestDatabase.create(this.dir.resolve("app.db"), "delete");
	}

	@Test
	void backupIsNamedAfterDatabaseTimeAndVersionAndOnlyItsOwnerCanReadIt() throws Exception {
		BackupInfo info = backup(store(false), "3");

		Path file = this.backups.resolve("app_20250304_050607_v3.db");
		assertThat(info.id()).isEqualTo(file.getFileName().toString());
		assertThat(info.created()).isEqualTo(NOW);
		assertThat(info.version()).isEqualTo("3");
		assertThat(info.size()).isEqualTo(Files.size(file));
		assertThat(info.verified()).isTrue();
		assertThat(info.checksum()).isEqualTo(ChecksumSidecar.compute(file)).hasSize(64);
		assertThat(Files.readString(ChecksumSidecar.of(file)))
			.isEqualTo(info.checksum() + "  app_20250304_050607_v3.db\n");
		assertThat(fileNames(this.backups)).containsExactly("app_20250304_050607_v3.db", "app_20250304_050607_v3.db.sha256");
		assumeThat(Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.backups))).isEqualTo("rwx------");
	}

	@ParameterizedTest
	@ValueSource(strings = { "delete", "wal" })
	void backupHoldsTheSameSchemaAndRowsAsTheDatabase(String journalMode) throws Exception {
		SqliteTestDatabase source = SqliteTestDatabase.create(this.dir.resolve("live-" + journalMode + ".db"), journalMode);
		BackupInfo info;
		try (Connection connection = source.connect()) {
			// In WAL mode these rows sit in the -wal file, not yet in the database file.
			connection.createStatement().execute("INSERT INTO customer (name) VALUES ('only in the log')");
			info = store(false).backup(connection, "1");
		}

		SqliteTestDatabase copy = new SqliteTestDatabase(this.backups.resolve(info.id()));
		assertThat(copy.dump()).isEqualTo(source.dump()).anyMatch((row) -> row.contains("only in the log"));
		// A backup is one self-contained file, whatever the source's journal mode.
		assertThat(copy.query("PRAGMA journal_mode")).containsExactly("delete");
	}

	@Test
	void compressedBackupIsAGzipOfAVerifiedCopy() throws Exception {
		BackupInfo info = backup(store(true), "2");

		Path file = this.backups.resolve("app_20250304_050607_v2.db.gz");
		assertThat(info.id()).isEqualTo(file.getFileName().toString());
		assertThat(info.checksum()).isEqualTo(ChecksumSidecar.compute(file));
		assertThat(fileNames(this.backups)).containsExactly(info.id(), info.id() + ".sha256");
		Path unpacked = this.dir.resolve("unpacked.db");
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			Files.copy(in, unpacked);
		}
		assertThat(new SqliteTestDatabase(unpacked).dump()).isEqualTo(this.db.dump());
	}

	@Test
	void backupsWithinOneSecondDoNotOverwriteEachOther() throws Exception {
		SqliteBackupStore store = store(false);
		BackupInfo first = backup(store, "3");
		this.db.execute("INSERT INTO customer (name) VALUES ('second')");
		BackupInfo second = backup(store, "3");
		this.clock.advance(Duration.ofMillis(900));
		BackupInfo third = backup(store, "3");

		assertThat(List.of(first.id(), second.id(), third.id())).containsExactly("app_20250304_050607_v3.db",
				"app_20250304_050607_v3-2.db", "app_20250304_050607_v3-3.db");
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(third.id(), second.id(), first.id());
		assertThat(new SqliteTestDatabase(this.backups.resolve(first.id())).query("SELECT count(*) FROM customer"))
			.containsExactly("2");
		assertThat(new SqliteTestDatabase(this.backups.resolve(second.id())).query("SELECT count(*) FROM customer"))
			.containsExactly("3");
	}

	@Test
	void emptyDatabaseIsBackedUp() throws Exception {
		SqliteTestDatabase empty = new SqliteTestDatabase(this.dir.resolve("empty.db"));
		try (Connection connection = empty.connect()) {
			BackupInfo info = store(false).backup(connection, "0");

			assertThat(info.verified()).isTrue();
			assertThat(new SqliteTestDatabase(this.backups.resolve(info.id())).dump()).isEmpty();
		}
	}

	@Test
	void copyThatFailsIntegrityCheckIsDeletedAndStopsTheRun() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(this.backups), this.clock, (copy) -> {
			try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
				// Scribble over the second page, the root of the first table.
				file.seek(4096 + 8);
				file.write(new byte[512]);
			}
		});

		assertThatThrownBy(() -> backup(store, "3")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("app_20250304_050607_v3.db.partial failed verification: PRAGMA quick_check answered '")
			.hasMessageContaining("was deleted")
			.hasMessageContaining("run again");
		assertThat(fileNames(this.backups)).isEmpty();
	}

	@Test
	void fullCheckRefusesACopyWhoseIndexDisagreesWithItsTable() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(this.backups), this.clock, IntegrityCheck.FULL,
				SqliteBackupStoreTest::pointTheIndexAtAnotherColumn);

		assertThatThrownBy(() -> backup(store, "3")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("app_20250304_050607_v3.db.partial failed verification: PRAGMA integrity_check answered '")
			.hasMessageContaining("orders_customer")
			.hasMessageContaining("was deleted");
		assertThat(fileNames(this.backups)).isEmpty();
	}

	/**
	 * The trade-off of the default quick_check, pinned: it does not compare an index with its table,
	 * so such a copy is kept as a backup; a restore, which runs integrity_check on the backup's
	 * content before touching the database, still refuses it.
	 */
	@Test
	void quickCheckKeepsACopyWhoseIndexDisagreesWithItsTableAndRestoreRefusesIt() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(this.backups), this.clock, IntegrityCheck.QUICK,
				SqliteBackupStoreTest::pointTheIndexAtAnotherColumn);
		BackupInfo info = backup(store, "3");
		this.db.execute("INSERT INTO customer (name) VALUES ('after the backup')");
		List<String> before = this.db.dump();

		try (Connection connection = this.db.connect()) {
			assertThatThrownBy(() -> store.restore(connection, info.id(), "3")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("Backup " + info.id() + " is damaged: PRAGMA integrity_check on its content answered '")
				.hasMessageContaining("The database was not touched");
		}
		assertThat(this.db.dump()).isEqualTo(before);
	}

	@Test
	void integrityCheckFullChecksEachBackupOfAMigrateWithIntegrityCheck() throws Exception {
		// the database itself has an index that disagrees with its table: quick_check passes it, integrity_check not
		pointTheIndexAtAnotherColumn(this.db.file);
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("001_create_tasks.sql"), "CREATE TABLE tasks (id INTEGER PRIMARY KEY);\n");

		Migrator full = Migrator.configure()
			.url("jdbc:sqlite:" + this.db.file)
			.locations("filesystem:" + migrations)
			.backupDirectory(this.backups)
			.integrityCheck(IntegrityCheck.FULL)
			.load();
		assertThatThrownBy(full::migrate).isInstanceOf(MigratorException.class)
			.hasMessageContaining("failed verification: PRAGMA integrity_check answered '");
		assertThat(this.db.query("SELECT count(*) FROM sqlite_master WHERE name = 'tasks'")).containsExactly("0");

		Migrator quick = Migrator.configure()
			.url("jdbc:sqlite:" + this.db.file)
			.locations("filesystem:" + migrations)
			.backupDirectory(this.backups)
			.load();
		quick.migrate();
		assertThat(quick.backups()).hasSize(1).allSatisfy((backup) -> assertThat(backup.verified()).isTrue());
		assertThat(this.db.query("SELECT count(*) FROM sqlite_master WHERE name = 'tasks'")).containsExactly("1");
	}

	/** Makes the index orders_customer claim another column than the one its entries hold. */
	private static void pointTheIndexAtAnotherColumn(Path database) throws SQLException {
		new SqliteTestDatabase(database).execute("PRAGMA writable_schema = ON",
				"UPDATE sqlite_master SET sql = 'CREATE INDEX orders_customer ON orders (amount)'"
						+ " WHERE name = 'orders_customer'");
	}

	@Test
	void copyWithADifferentPageCountIsDeleted() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(this.backups), this.clock,
				(copy) -> new SqliteTestDatabase(copy).execute("CREATE TABLE extra (x)",
						"INSERT INTO extra SELECT randomblob(1000) FROM orders"));

		assertThatThrownBy(() -> backup(store, "3")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("failed verification")
			.hasMessageMatching("(?s).*it has \\d+ pages, but the database had \\d+ in the snapshot it was copied from.*");
		assertThat(fileNames(this.backups)).isEmpty();
	}

	@Test
	void copyThatIsNoDatabaseIsDeletedAndStopsTheRun() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(new BackupSettings(this.backups, true, 10, Duration.ofDays(30)),
				this.clock, (copy) -> Files.writeString(copy, "not a database ".repeat(1000)));

		assertThatThrownBy(() -> backup(store, "3")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("app_20250304_050607_v3.db.gz.partial failed verification")
			.hasMessageContaining("cannot be read as a SQLite database");
		assertThat(fileNames(this.backups)).isEmpty();
	}

	@Test
	void databaseLockedLongerThanTheBusyTimeoutStopsTheRunCleanly() throws Exception {
		try (Connection holder = this.db.connect(); Connection connection = this.db.connect()) {
			holder.createStatement().execute("BEGIN EXCLUSIVE");
			connection.createStatement().execute("PRAGMA busy_timeout = 50");

			assertThatThrownBy(() -> store(false).backup(connection, "3")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("SQLITE_BUSY")
				.hasMessageContaining("another connection kept the database locked for longer than the busy timeout");
			holder.createStatement().execute("ROLLBACK");
		}
		assertThat(fileNames(this.backups)).isEmpty();
	}

	@Test
	void failureWhileCopyingLeavesNothingBehind() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(new BackupSettings(this.backups, true, 10, Duration.ofDays(30)),
				this.clock, (copy) -> {
					throw new IOException("disk on fire");
				});

		assertThatThrownBy(() -> backup(store, "3")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Backup of " + this.db.file + " into " + this.backups + " failed")
			.hasMessageContaining("disk on fire")
			.hasMessageContaining("The partial backup was deleted and the database was not changed");
		assertThat(fileNames(this.backups)).isEmpty();
	}

	@Test
	void dryRunCopyThatFailsVerificationIsDeleted() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(this.backups), this.clock,
				(copy) -> Files.writeString(copy, "garbage"));
		Path target = this.dir.resolve("dry-run.db");

		try (Connection connection = this.db.connect()) {
			assertThatThrownBy(() -> store.copyForDryRun(connection, target)).isInstanceOf(MigratorException.class)
				.hasMessageContaining("dry-run.db failed verification");
		}
		assertThat(target).doesNotExist();
	}

	@Test
	void dryRunCopyWithADifferentPageCountIsDeleted() throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(this.backups), this.clock,
				(copy) -> new SqliteTestDatabase(copy).execute("CREATE TABLE extra (x)",
						"INSERT INTO extra SELECT randomblob(1000) FROM orders"));
		Path target = this.dir.resolve("dry-run.db");

		try (Connection connection = this.db.connect()) {
			assertThatThrownBy(() -> store.copyForDryRun(connection, target)).isInstanceOf(MigratorException.class)
				.hasMessageContaining("dry-run.db failed verification")
				.hasMessageMatching("(?s).*it has \\d+ pages, but the database had \\d+ in the snapshot it was copied from.*");
		}
		assertThat(target).doesNotExist();
	}

	@Test
	void dryRunCopyIntoAMissingFolderIsReported() throws Exception {
		Path target = this.dir.resolve("missing").resolve("dry-run.db");

		try (Connection connection = this.db.connect()) {
			assertThatThrownBy(() -> store(false).copyForDryRun(connection, target)).isInstanceOf(MigratorException.class)
				.hasMessageContaining("Cannot copy " + this.db.file + " for a dry run to " + target);
		}
	}

	@Test
	void listShowsEachBackupNewestFirstWithItsSizeAndWhetherItIsIntact() throws Exception {
		SqliteBackupStore store = store(false);
		BackupInfo old = backup(store, "1");
		this.clock.advance(Duration.ofHours(1));
		BackupInfo flipped = backup(store, "2");
		this.clock.advance(Duration.ofHours(1));
		BackupInfo unrecorded = backup(store, "3");
		this.clock.advance(Duration.ofHours(1));
		BackupInfo intact = backup(store, "4");
		flipByte(this.backups.resolve(flipped.id()), 5000);
		Files.delete(ChecksumSidecar.of(this.backups.resolve(unrecorded.id())));
		Files.writeString(this.backups.resolve("notes.txt"), "not a backup");
		Files.writeString(this.backups.resolve("app_20250304_050607_v9.db.gz.partial"), "left over");
		Files.createSymbolicLink(this.backups.resolve("app_20300101_000000_v9.db"), this.db.file);

		List<BackupInfo> listed = store.list();

		assertThat(listed).extracting(BackupInfo::id).containsExactly(intact.id(), unrecorded.id(), flipped.id(), old.id());
		assertThat(listed).extracting(BackupInfo::version).containsExactly("4", "3", "2", "1");
		assertThat(listed).extracting(BackupInfo::created)
			.containsExactly(NOW.plusSeconds(3 * 3600), NOW.plusSeconds(2 * 3600), NOW.plusSeconds(3600), NOW);
		assertThat(listed).extracting(BackupInfo::verified).containsExactly(true, false, false, true);
		assertThat(listed.get(0)).isEqualTo(intact);
		assertThat(listed.get(1).checksum()).isNull();
		assertThat(listed.get(2).checksum()).isEqualTo(flipped.checksum());
		assertThat(listed.get(2).size()).isEqualTo(flipped.size());
	}

	@Test
	void listOfAMissingDirectoryIsEmpty() {
		assertThat(store(false).list()).isEmpty();
		assertThat(this.backups).doesNotExist();
	}

	@Test
	void dryRunCopyIsVerifiedPrivateAndNotABackup() throws Exception {
		Path target = this.dir.resolve("dry-run.db");
		try (Connection connection = this.db.connect()) {
			assertThat(store(true).copyForDryRun(connection, target)).isEqualTo(target);
		}

		assertThat(new SqliteTestDatabase(target).dump()).isEqualTo(this.db.dump());
		assertThat(this.backups).doesNotExist();
		assertThat(fileNames(this.dir)).containsExactlyInAnyOrder("app.db", "dry-run.db");
		assumeThat(Files.getFileStore(target).supportsFileAttributeView(PosixFileAttributeView.class)).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
	}

	@Test
	void dryRunCopyRefusesToOverwrite() throws Exception {
		Path target = Files.writeString(this.dir.resolve("taken.db"), "mine");
		try (Connection connection = this.db.connect()) {
			assertThatThrownBy(() -> store(false).copyForDryRun(connection, target)).isInstanceOf(MigratorException.class)
				.hasMessageContaining("the file exists");
		}
		assertThat(target).hasContent("mine");
	}

	@Test
	void inMemoryDatabaseCannotBeBackedUp() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
			assertThatThrownBy(() -> store(false).backup(connection, "1")).isInstanceOf(MigratorException.class)
				.hasMessage("in-memory databases cannot be backed up; disable backups");
		}
		assertThat(this.backups).doesNotExist();
	}

	@Test
	void unwritableBackupDirectoryIsReported() throws Exception {
		Files.createDirectories(this.backups);
		Files.setPosixFilePermissions(this.backups, PosixFilePermissions.fromString("r-x------"));
		try {
			// Root writes anyway; then there is nothing to test.
			assumeThat(Files.isWritable(this.backups)).isFalse();
			assertThatThrownBy(() -> backup(store(false), "1")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("backup directory " + this.backups + " is not writable")
				.hasMessageContaining("backup.directory");
		}
		finally {
			Files.setPosixFilePermissions(this.backups, PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	void backupDirectoryThatIsAFileIsReported() throws Exception {
		Files.writeString(this.backups, "in the way");

		assertThatThrownBy(() -> backup(store(false), "1")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Cannot create the backup directory " + this.backups)
			.hasMessageContaining("backup.directory");
		assertThat(this.backups).hasContent("in the way");
	}

	@Test
	void pathsWithSpacesAndQuotesWork() throws Exception {
		Path odd = this.dir.resolve("it's a \"dir\"?");
		SqliteTestDatabase source = SqliteTestDatabase.create(Files.createDirectories(odd).resolve("o'db.db"), "wal");
		SqliteBackupStore store = new SqliteBackupStore(new BackupSettings(odd.resolve("back ups"), true, 10,
				Duration.ofDays(30)), this.clock);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + source.file.toUri())) {
			BackupInfo info = store.backup(connection, "7");
			source.execute("DELETE FROM orders");

			store.restore(connection, info.id(), "8");
		}

		assertThat(source.query("SELECT count(*) FROM orders")).containsExactly("200");
	}

	@Test
	void connectionInsideATransactionIsRefused() throws Exception {
		try (Connection connection = this.db.connect()) {
			connection.setAutoCommit(false);
			assertThatThrownBy(() -> store(false).backup(connection, "1")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("inside a transaction");
		}
		assertThat(fileNames(this.backups)).isEmpty();
	}

	@Test
	void versionMustFitInAFileName() throws Exception {
		try (Connection connection = this.db.connect()) {
			assertThatThrownBy(() -> store(false).backup(connection, "../1")).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void settingsRejectNegativeRetention() {
		assertThatThrownBy(() -> new BackupSettings(this.backups, false, -1, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BackupSettings(this.backups, false, 1, Duration.ofDays(-1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BackupSettings(this.backups, false, 1, Duration.ZERO, 0, 0))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("backup ceilings must be at least 1 file and 0 bytes (automatic), not 0 and 0");
		assertThatThrownBy(() -> new BackupSettings(this.backups, false, 1, Duration.ZERO, 1, -1))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageEndingWith("not 1 and -1");
		assertThat(BackupSettings.in(this.backups)).isEqualTo(new BackupSettings(this.backups, false,
				BackupSettings.DEFAULT_RETENTION_COUNT, BackupSettings.DEFAULT_RETENTION_AGE));
	}

	private SqliteBackupStore store(boolean compress) {
		return new SqliteBackupStore(new BackupSettings(this.backups, compress, 10, Duration.ofDays(30)), this.clock);
	}

	private BackupInfo backup(SqliteBackupStore store, String version) throws SQLException {
		try (Connection connection = this.db.connect()) {
			return store.backup(connection, version);
		}
	}

	static void flipByte(Path file, long position) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.seek(position);
			int b = raf.read();
			raf.seek(position);
			raf.write(b ^ 0xFF);
		}
	}

	static List<String> fileNames(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((f) -> f.getFileName().toString()).sorted().toList();
		}
	}

}
