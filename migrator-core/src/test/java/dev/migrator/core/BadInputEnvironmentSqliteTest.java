package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.lock.FileMigrationLock;
import dev.migrator.core.testing.ChildJvm;

/**
 * Bad input catalogue, SQLite's environment (docs/RELIABILITY.md, "Bad input: the database and its environment"): the
 * database file, its folder, the lock file, the backup folder and the backups themselves in a state
 * they should not be in. Each case snapshots the database (its dump, or its bytes where it cannot be
 * read as one), runs the engine, and checks the error says what is wrong and what to do, and that
 * the database is as it was.
 * <p>
 * The tests run as root here, whom file modes do not stop; read-only cases add the immutable
 * attribute ({@code chattr +i}), which stops root too, and are skipped where neither works.
 */
class BadInputEnvironmentSqliteTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	/** Paths made immutable, made mutable again after the test so the temp folder can go. */
	private final List<Path> immutable = new ArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
				+ "INSERT INTO users VALUES (1, 'ada');\n");
		this.fx.migrator().migrate();
		this.fx.write("2_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\nINSERT INTO items VALUES (7);\n");
	}

	@AfterEach
	void makeWritableAgain() throws Exception {
		for (Path path : this.immutable) {
			run("chattr", "-i", path.toString());
			Files.setPosixFilePermissions(path,
					PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
		}
	}

	/** Valid after all: a lock file left with foreign content is taken over, logged, and the run applies. */
	@Test
	void lockFileWithGarbageContentIsTakenOver() throws Exception {
		Path lockFile = this.dir.resolve("app.db" + FileMigrationLock.SUFFIX);
		byte[] garbage = new byte[300];
		new Random(7).nextBytes(garbage);
		Files.write(lockFile, garbage);

		var result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(this.fx.query("SELECT action, error FROM schema_migrations_log WHERE action = 'lock_takeover'"))
			.singleElement()
			.asString()
			.contains("took over the lock from unknown holder, which ended without releasing it");
		assertThat(Files.size(lockFile)).isZero();
	}

	@Test
	void databaseFileReadOnly() throws Exception {
		List<String> before = this.fx.dump();
		readOnly(this.fx.db);

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("2_items.sql")
			.hasMessageContaining("readonly")
			.hasMessageContaining("The database file " + this.fx.db + " (or its folder")
			.hasMessageContaining("make the database file and its folder writable")
			.hasMessageNotContaining("repair()");
		assertThat(((MigrationFailedException) thrown).recorded()).isFalse();
		makeWritableAgain();
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void databaseFolderReadOnly() throws Exception {
		List<String> before = this.fx.dump();
		readOnly(this.dir);

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining(this.dir.toString())
			.hasMessageContaining("writable");
		makeWritableAgain();
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	/** Random bytes, or a CSV file where the database should be: refused by name, the file left as it was. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "random bytes", "a text file" })
	void databaseFileThatIsNotADatabase(String content) throws Exception {
		byte[] bytes = new byte[8192];
		new Random(11).nextBytes(bytes);
		if (content.equals("a text file")) {
			bytes = "id,name\n1,ada\n2,grace\n".repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		Files.write(this.fx.db, bytes);
		String sha = sha256(this.fx.db);

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("The file " + this.fx.db + " is not a SQLite database")
			.hasMessageContaining("check the URL points at the right file");
		assertThat(sha256(this.fx.db)).isEqualTo(sha);
	}

	@Test
	void anotherConnectionHoldsAWriteTransaction() throws Exception {
		List<String> before = this.fx.dump();
		Throwable thrown;
		try (Connection writer = this.fx.connect(); Statement statement = writer.createStatement()) {
			writer.setAutoCommit(false);
			statement.execute("INSERT INTO users VALUES (2, 'grace')");

			// a short busy timeout in the URL, as the message advises the other way round: the same
			// refusal as with the default 10 s, without waiting for it
			thrown = catchThrowable(
					() -> this.fx.configure().url(this.fx.url() + "?busy_timeout=500").load().migrate());
			BadInputEnvironmentReport.print(getClass(), thrown);

			writer.rollback();
		}

		assertThat(thrown).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("2_items.sql")
			.hasMessageContaining("locked")
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("Another connection held a lock on " + this.fx.db)
			.hasMessageContaining("Run migrate again when the other writer is done")
			.hasMessageNotContaining("repair()");
		assertThat(((MigrationFailedException) thrown).recorded()).isFalse();
		assertThat(this.fx.dump()).isEqualTo(before);
		// once the other writer is done, the same run goes through
		assertThat(this.fx.migrator().migrate().migrations()).hasSize(1);
	}

	@Test
	void backupFolderUnwritable() throws Exception {
		Path backups = Files.createDirectories(this.dir.resolve("backups"));
		List<BackupInfo> backupsBefore = this.fx.migrator().backups();
		List<String> before = this.fx.dump();
		readOnly(backups);

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining(backups.toString())
			.hasMessageContaining("point backup.directory at a folder this process can write to");
		makeWritableAgain();
		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.migrator().backups()).isEqualTo(backupsBefore);
	}

	@Test
	void backupFolderIsAFile() throws Exception {
		Path backups = this.dir.resolve("backups");
		try (Stream<Path> files = Files.list(backups)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(backups);
		Files.writeString(backups, "not a folder");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Cannot create the backup directory " + backups + ": a file of that name is in the way")
			.hasMessageContaining("point backup.directory at a folder this process can write to");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	/**
	 * No small file system can be mounted without privileges, so the child JVM that migrates gets a
	 * file-size limit ({@code RLIMIT_FSIZE}, set with prlimit) below the database's size: every write
	 * past it fails with EFBIG, as a full disk fails with ENOSPC, in the middle of the copy.
	 */
	@Test
	void diskFullDuringBackup() throws Exception {
		Assumptions.assumeTrue(run("prlimit", "--version") == 0, "prlimit is not installed");
		this.fx.execute("CREATE TABLE blobs (b BLOB)");
		this.fx.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
				+ " INSERT INTO blobs SELECT randomblob(10000) FROM n");
		List<String> before = this.fx.dump();
		Path backups = this.dir.resolve("backups");
		List<Path> backupFilesBefore = list(backups);
		List<BackupInfo> backupsBefore = this.fx.migrator().backups();
		Path go = this.dir.resolve("go");
		String outcome;
		try (ChildJvm child = ChildJvm.start(this.dir, "diskfull", BadInputEnvironmentMigrateChild.class,
				this.fx.db.toString(), this.fx.migrations.toString(), go.toString())) {
			String ready = child.awaitLine("READY", Duration.ofSeconds(60));
			assertThat(run("prlimit", "--pid", String.valueOf(child.pid()), "--fsize=" + 500_000)).isZero();
			Files.createFile(go);
			assertThat(child.awaitExit(Duration.ofSeconds(120))).as(child.output()).isZero();
			outcome = child.stdoutLines().stream().filter((l) -> l.startsWith("FAILED ")).findFirst()
				.orElseThrow(() -> new AssertionError("the child's migrate did not fail:\n" + child.output()));
			assertThat(ready).startsWith("READY");
		}
		System.out.println("[bad-input] BadInputEnvironmentSqliteTest.diskFullDuringBackup => " + outcome.substring(7));

		assertThat(outcome).contains("Copying " + this.fx.db + " to " + backups)
			.contains("The partial copy was deleted and the database was not changed")
			.contains("the disk holding " + backups + " is most likely full")
			.contains("point backup.directory at a larger disk");
		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.migrator().backups()).isEqualTo(backupsBefore);
		assertThat(list(backups)).as("nothing of the half backup is left").isEqualTo(backupFilesBefore);
	}

	/**
	 * The same file-size limit, reached when the migration commits: its statements ran in SQLite's
	 * page cache, and the writes at COMMIT fail. SQLite then rolls the transaction back by itself, so
	 * the driver's own follow-up ("cannot commit - no transaction is active") must not stand in for the
	 * real cause, which names the full disk.
	 */
	@Test
	void diskFullAtCommit() throws Exception {
		Assumptions.assumeTrue(run("prlimit", "--version") == 0, "prlimit is not installed");
		this.fx.write("2_items.sql", "CREATE TABLE blobs (b BLOB);\n"
				+ "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)"
				+ " INSERT INTO blobs SELECT randomblob(10000) FROM n;\n");
		List<String> before = this.fx.dump();
		Path go = this.dir.resolve("go");
		String outcome;
		try (ChildJvm child = ChildJvm.start(this.dir, "diskfull-commit", BadInputEnvironmentMigrateChild.class,
				this.fx.db.toString(), this.fx.migrations.toString(), go.toString())) {
			child.awaitLine("READY", Duration.ofSeconds(60));
			assertThat(run("prlimit", "--pid", String.valueOf(child.pid()), "--fsize=" + 300_000)).isZero();
			Files.createFile(go);
			assertThat(child.awaitExit(Duration.ofSeconds(120))).as(child.output()).isZero();
			outcome = child.stdoutLines().stream().filter((l) -> l.startsWith("FAILED ")).findFirst()
				.orElseThrow(() -> new AssertionError("the child's migrate did not fail:\n" + child.output()));
		}
		System.out.println("[bad-input] BadInputEnvironmentSqliteTest.diskFullAtCommit => " + outcome.substring(7));

		// a file-size limit fails the write with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE; a full disk
		// (ENOSPC) as SQLITE_FULL: the dialect's advice is the same for both
		assertThat(outcome).containsPattern("SQLITE_FULL|SQLITE_IOERR")
			.contains("the commit failed")
			.contains("The disk holding " + this.fx.db + " is full or failing")
			.doesNotContain("no transaction is active");
		assertThat(MigrateScenarios.withoutLog(this.fx.dump())).isEqualTo(MigrateScenarios.withoutLog(before));
		assertThat(this.fx.migrator().info().pending()).extracting((m) -> m.version().toString()).containsExactly("2");
	}

	@Test
	void corruptedBackupIsRefusedOnRestore() throws Exception {
		this.fx.migrator().migrate();
		BackupInfo backup = this.fx.migrator().backups().get(0);
		Path file = this.dir.resolve("backups").resolve(backup.id());
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 0x55;
		Files.write(file, bytes);
		List<String> before = this.fx.dump();

		Throwable thrown = restore(backup.id());

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Backup " + backup.id() + " is corrupt: its SHA-256 is ")
			.hasMessageContaining("but was " + backup.checksum())
			.hasMessageContaining("The database was not touched; restore another backup");
		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.migrator().backups()).filteredOn((b) -> b.id().equals(backup.id()))
			.singleElement()
			.satisfies((b) -> assertThat(b.verified()).isFalse());
	}

	@Test
	void backupWhoseChecksumFileIsGoneIsRefusedOnRestore() throws Exception {
		this.fx.migrator().migrate();
		BackupInfo backup = this.fx.migrator().backups().get(0);
		Path sidecar = this.dir.resolve("backups").resolve(backup.id() + ".sha256");
		assertThat(sidecar).exists();
		Files.delete(sidecar);
		List<String> before = this.fx.dump();

		Throwable thrown = restore(backup.id());

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Backup " + backup.id() + " has no recorded checksum (" + sidecar + " is missing")
			.hasMessageContaining("The database was not touched; restore another backup");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void databaseInAFolderThatDoesNotExist() throws Exception {
		Path missing = this.dir.resolve("no-such-folder").resolve("app.db");

		Throwable thrown = catchThrowable(() -> Migrator.configure().url("jdbc:sqlite:" + missing)
			.locations("filesystem:" + this.fx.migrations).load().migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Could not connect to the database: jdbc:sqlite:" + missing + ": [SQLITE_CANTOPEN]")
			.hasMessageContaining("check the URL");
		assertThat(missing.getParent()).doesNotExist();
	}

	@Test
	void restoreIdWithPathTraversal() throws Exception {
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();

		Throwable thrown = restore("../../etc/passwd");

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("'../../etc/passwd' is not a backup id")
			.hasMessageContaining("bare file name of a listed backup")
			.hasMessageContaining("nothing was touched");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void restoreIdThatIsAnAbsolutePath() throws Exception {
		this.fx.migrator().migrate();
		BackupInfo backup = this.fx.migrator().backups().get(0);
		String absolute = this.dir.resolve("backups").resolve(backup.id()).toString();
		List<String> before = this.fx.dump();

		Throwable thrown = restore(absolute);

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("'" + absolute + "' is not a backup id")
			.hasMessageContaining("without any folder; nothing was touched");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void restoreIdOfASymlinkPointingOutOfTheBackupFolder() throws Exception {
		this.fx.migrator().migrate();
		BackupInfo backup = this.fx.migrator().backups().get(0);
		Path outside = Files.createDirectories(this.dir.resolve("elsewhere")).resolve("evil.db");
		Files.copy(this.dir.resolve("backups").resolve(backup.id()), outside);
		String linkName = backup.id().replace(".db", "9.db");
		Files.createSymbolicLink(this.dir.resolve("backups").resolve(linkName), outside);
		Files.writeString(this.dir.resolve("backups").resolve(linkName + ".sha256"), backup.checksum() + "\n");
		List<String> before = this.fx.dump();

		Throwable thrown = restore(linkName);

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("There is no backup '" + linkName + "' in " + this.dir.resolve("backups"))
			.hasMessageContaining("list the backups to see the ids you can restore; nothing was touched");
		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.migrator().backups()).extracting(BackupInfo::id).doesNotContain(linkName);
	}

	private Throwable migrate() {
		Throwable thrown = catchThrowable(() -> this.fx.migrator().migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);
		return thrown;
	}

	private Throwable restore(String id) {
		Throwable thrown = catchThrowable(() -> this.fx.migrator().restore(id));
		BadInputEnvironmentReport.print(getClass(), thrown);
		return thrown;
	}

	/** Read-only even for root: mode 0444 (0555 for a folder), and the immutable attribute where needed. */
	private void readOnly(Path path) throws Exception {
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
		this.immutable.add(path);
		if (Files.isWritable(path)) {
			Assumptions.assumeTrue(run("chattr", "+i", path.toString()) == 0,
					"running as root on a file system without chattr +i: cannot make " + path + " read-only");
		}
	}

	private static List<Path> list(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.sorted().toList();
		}
	}

	private static int run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
