package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigratorException;

/**
 * The file lock within one JVM. Nothing here reads the lock file while a lease holds it: closing that
 * read's descriptor would drop the lock (the POSIX rule the lock itself works around).
 */
class FileMigrationLockTest extends MigrationLockContract {

	@TempDir
	Path dir;

	Path database;

	Path lockFile;

	@BeforeEach
	void setUp() {
		this.database = this.dir.resolve("app.db");
		this.lockFile = this.dir.resolve("app.db" + FileMigrationLock.SUFFIX);
	}

	@Override
	protected MigrationLock lockOnTheDatabase() {
		return new FileMigrationLock(this.lockFile, this.database.toString());
	}

	@Test
	void theLockFileOfASqliteDatabaseFileSitsNextToIt() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.database)) {
			assertThat(FileMigrationLock.lockFileFor(connection)).hasValueSatisfying(
					(file) -> assertThat(file.toAbsolutePath()).isEqualTo(this.lockFile.toAbsolutePath()));
			assertThat(FileMigrationLock.forSqlite(connection, "unused")).isInstanceOfSatisfying(
					FileMigrationLock.class, (lock) -> assertThat(lock.lockFile()).isEqualTo(this.lockFile));
		}
	}

	@Test
	void inMemoryAndTemporarySqliteDatabasesHaveNoLockFile() throws Exception {
		for (String url : new String[] { "jdbc:sqlite::memory:", "jdbc:sqlite:",
				"jdbc:sqlite:file:shared?mode=memory&cache=shared" }) {
			try (Connection connection = DriverManager.getConnection(url)) {
				assertThat(FileMigrationLock.lockFileFor(connection)).as(url).isEmpty();
				assertThat(FileMigrationLock.forSqlite(connection, url)).as(url)
					.isInstanceOf(InProcessMigrationLock.class)
					.hasToString("in-process migration lock on in-memory database " + url);
			}
		}
	}

	@Test
	void aVersionNotedByAnInterruptedRunnerIsWrittenAndTheInterruptKeptButNothingIsNotedAfterRelease()
			throws Exception {
		FileMigrationLock lock = new FileMigrationLock(this.lockFile, this.database.toString());
		LockLease lease = lock.acquire(Duration.ZERO);
		try {
			Thread.currentThread().interrupt();
			lease.committed("7");
			assertThat(Thread.interrupted()).as("the runner's interrupt is kept for it to act on").isTrue();
			assertThat(lock.lastCommitted()).contains("7");
		}
		finally {
			Thread.interrupted();
			lease.close();
		}

		lease.committed("8");
		assertThat(lock.lastCommitted()).isEmpty();
		assertThat(Files.readString(this.lockFile)).as("a released lease writes nothing more").isEmpty();
	}

	@Test
	void aCleanReleaseLeavesTheFileEmptyAndInPlace() throws Exception {
		acquire(Duration.ZERO).close();

		assertThat(this.lockFile).exists().isEmptyFile();
	}

	@Test
	void anIdentityLeftBehindIsTakenOverAndLoggedAsSuch() throws Exception {
		LockHolder dead = new LockHolder("old-host", 4242, "owner-1", Instant.parse("2026-01-02T03:04:05.678Z"));
		Files.writeString(this.lockFile, dead.toText());

		String log = stderrDuring(() -> {
			LockLease lease = acquire(Duration.ZERO);
			assertThat(lease.tookOverFrom()).contains(dead);
			lease.close();
		});

		assertThat(log).contains("WARN", "Took over the migration lock on " + this.database,
				"host old-host, pid 4242, since 2026-01-02T03:04:05.678Z");
		assertThat(acquire(Duration.ZERO).tookOverFrom()).isEmpty();
	}

	@Test
	void contentThatIsNoIdentityIsTakenOverFromAnUnknownHolder() throws Exception {
		Files.writeString(this.lockFile, "host=half-writ");

		LockLease lease = acquire(Duration.ZERO);

		assertThat(lease.tookOverFrom()).hasValueSatisfying((holder) -> {
			assertThat(holder.known()).isFalse();
			assertThat(holder.describe()).isEqualTo("unknown holder");
		});
	}

	@Test
	void twoSpellingsOfOnePathShareTheLock() throws Exception {
		Path alias = Files.createSymbolicLink(this.dir.resolve("alias"), this.dir);
		acquire(Duration.ZERO);
		FileMigrationLock throughAlias = new FileMigrationLock(alias.resolve(this.lockFile.getFileName()), "alias");
		FileMigrationLock relative = new FileMigrationLock(
				Path.of("").toAbsolutePath().relativize(this.lockFile.toAbsolutePath()), "relative");

		// without a shared JVM lock the JDK would throw OverlappingFileLockException instead
		assertThatThrownBy(() -> throughAlias.acquire(Duration.ZERO)).isInstanceOf(LockTimeoutException.class);
		assertThatThrownBy(() -> relative.acquire(Duration.ZERO)).isInstanceOf(LockTimeoutException.class);
	}

	@Test
	void aSymbolicLinkPlantedAsTheLockFileIsRefusedAndItsTargetIsLeftAlone() throws Exception {
		Path victim = Files.writeString(this.dir.resolve("victim.conf"), "precious=1\n");
		Files.createSymbolicLink(this.lockFile, victim);

		assertThatThrownBy(() -> acquire(Duration.ZERO)).isInstanceOf(MigratorException.class)
			.hasMessageContaining(this.lockFile.toString())
			.hasMessageContaining("symbolic link to " + victim)
			.hasMessageContaining("Remove the link");
		assertThatThrownBy(() -> lockOnTheDatabase().holder()).isInstanceOf(MigratorException.class)
			.hasMessageContaining(this.lockFile.toString());
		assertThat(Files.readString(victim)).isEqualTo("precious=1\n");
		assertThat(Files.isSymbolicLink(this.lockFile)).isTrue();
	}

	@Test
	void aDanglingSymbolicLinkAsTheLockFileCreatesNothingAtItsTarget() {
		Path target = this.dir.resolve("elsewhere.txt");
		try {
			Files.createSymbolicLink(this.lockFile, target);
		}
		catch (java.io.IOException ex) {
			throw new AssertionError(ex);
		}

		assertThatThrownBy(() -> acquire(Duration.ZERO)).isInstanceOf(MigratorException.class)
			.hasMessageContaining(this.lockFile.toString());
		assertThat(target).doesNotExist();
	}

	@Test
	void aHardLinkPlantedAsTheLockFileIsRefusedAndItsOtherNameIsLeftAlone() throws Exception {
		Path victim = Files.writeString(this.dir.resolve("victim.conf"), "precious=1\n");
		Files.createLink(this.lockFile, victim);

		assertThatThrownBy(() -> acquire(Duration.ZERO)).isInstanceOf(MigratorException.class)
			.hasMessageContaining(this.lockFile.toString())
			.hasMessageContaining("hard link");
		assertThat(Files.readString(victim)).isEqualTo("precious=1\n");
	}

	@Test
	void aFifoOrAFolderPlantedAsTheLockFileIsRefusedNamingIt() throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", this.lockFile.toString()).start();
		assertThat(mkfifo.waitFor()).isZero();

		assertThatThrownBy(() -> acquire(Duration.ZERO)).isInstanceOf(MigratorException.class)
			.hasMessageContaining("The lock file " + this.lockFile)
			.hasMessageContaining("is not a plain file of its own (not a regular file), so Migrator will not write to it");

		Files.delete(this.lockFile);
		Files.createDirectory(this.lockFile);
		assertThatThrownBy(() -> acquire(Duration.ZERO)).hasMessageContaining(this.lockFile.toString());
		assertThat(this.lockFile).isDirectory();
	}

	@Test
	void aLockFileOfItsOwnIsUsedAsBefore() throws Exception {
		Files.writeString(this.lockFile, "");

		try (LockLease lease = lockOnTheDatabase().acquire(Duration.ZERO)) {
			assertThat(lease.holder().isThisProcess()).isTrue();
		}
		assertThat(Files.isRegularFile(this.lockFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
	}

	@Test
	void aLockFileThatCannotBeCreatedFailsSayingWhere() {
		Path nowhere = this.dir.resolve("missing").resolve("app.db" + FileMigrationLock.SUFFIX);

		assertThatThrownBy(() -> new FileMigrationLock(nowhere, "missing/app.db").acquire(Duration.ZERO))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining(nowhere.toString())
			.hasMessageContaining("directory");
		// the failed attempt let go of the JVM-wide lock on that path
		assertThatThrownBy(() -> new FileMigrationLock(nowhere, "missing/app.db").acquire(Duration.ZERO))
			.isNotInstanceOf(LockTimeoutException.class);
	}

	@Test
	@SuppressWarnings("try") // the outside lock holds until the block ends
	void aLockThisJvmTookOnTheFileOutsideMigratorIsNamedRatherThanWaitedFor() throws Exception {
		try (FileChannel channel = FileChannel.open(this.lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock outside = channel.lock()) {
			assertThatThrownBy(() -> acquire(Duration.ofSeconds(5))).isInstanceOf(MigratorException.class)
				.hasMessageStartingWith("This JVM already holds a lock on " + this.lockFile)
				.hasMessageContaining("use one path to the database");
		}
		// the refused attempt left nothing held
		acquire(Duration.ZERO).close();
	}

	/** What slf4j-simple (which writes to the current {@code System.err}) logged while {@code action} ran. */
	private static String stderrDuring(Runnable action) {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setErr(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

}
