package dev.migrator.core.internal.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.BackupFolder.StoredBackup;
import dev.migrator.core.internal.backup.SqliteOnlineBackup.FileCheck;

/**
 * Verified backups of SQLite databases in one folder: taken before every run that changes a
 * database, listed, pruned by retention and restored.
 * <p>
 * A backup counts only once it is proven: the copy must pass {@code PRAGMA quick_check} (with
 * {@link IntegrityCheck#FULL}, {@code PRAGMA integrity_check}) and have exactly the page count of
 * the snapshot it was copied from, or it is deleted and the run stops. Its SHA-256 as stored is
 * recorded beside it and checked again on listing and restore (where the restored content must
 * pass {@code integrity_check}), so a backup damaged later is never restored.
 */
public final class SqliteBackupStore implements BackupStore {

	private static final Logger logger = LoggerFactory.getLogger(SqliteBackupStore.class);

	private static final int BUFFER = 1 << 16;

	/** How a restore's working copy is named: this, the database's name, a dot, digits, {@code .db}. */
	private static final String RESTORE_WORK = ".restore-";

	private final BackupSettings settings;

	private final BackupFolder folder;

	private final Clock clock;

	private final CopyHook copyHook;

	// the database whose backups list() shows; null lists every backup in the folder
	private final String listedDatabase;

	// integrity_check on a new backup's copy, else quick_check
	private final boolean fullCheck;

	/** A store whose new backups pass {@code PRAGMA quick_check}, the default {@link IntegrityCheck#QUICK}. */
	public SqliteBackupStore(BackupSettings settings, Clock clock) {
		this(settings, clock, IntegrityCheck.QUICK);
	}

	/**
	 * A store whose new backups pass {@code PRAGMA integrity_check} with {@link IntegrityCheck#FULL},
	 * else {@code PRAGMA quick_check}: a backup is never taken unchecked, {@link IntegrityCheck#NONE}
	 * included.
	 */
	public SqliteBackupStore(BackupSettings settings, Clock clock, IntegrityCheck check) {
		this(settings, clock, (copy) -> {
		}, null, check == IntegrityCheck.FULL);
	}

	SqliteBackupStore(BackupSettings settings, Clock clock, CopyHook copyHook) {
		this(settings, clock, IntegrityCheck.QUICK, copyHook);
	}

	SqliteBackupStore(BackupSettings settings, Clock clock, IntegrityCheck check, CopyHook copyHook) {
		this(settings, clock, copyHook, null, check == IntegrityCheck.FULL);
	}

	private SqliteBackupStore(BackupSettings settings, Clock clock, CopyHook copyHook, String listedDatabase,
			boolean fullCheck) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.folder = new BackupFolder(settings, BackupName.DATABASE_FILE);
		this.clock = Objects.requireNonNull(clock, "clock");
		this.copyHook = Objects.requireNonNull(copyHook, "copyHook");
		this.listedDatabase = listedDatabase;
		this.fullCheck = fullCheck;
	}

	/**
	 * The same store listing only the backups of {@code databaseFile}: databases that share a backup
	 * folder (several migrators or tenants) never offer each other's backups for a restore, which
	 * would refuse them anyway.
	 */
	public SqliteBackupStore of(Path databaseFile) {
		return new SqliteBackupStore(this.settings, this.clock, this.copyHook, BackupName.databaseName(databaseFile),
				this.fullCheck);
	}

	@Override
	public Path directory() {
		return this.settings.directory();
	}

	/**
	 * Backs up the connection's database: online copy, verification, gzip if configured, checksum.
	 * First sweeps what killed runs left of unfinished backups and restores of this database, so the
	 * caller must hold the migration lock.
	 * @param version the schema version before the run, part of the file name
	 * @return the new backup, verified
	 * @throws MigratorException if the backup cannot be taken or fails verification; nothing of it
	 * is left behind and the database was not changed
	 */
	@Override
	public BackupInfo backup(Connection connection, String version) {
		String database = BackupName.databaseName(mainFile(connection));
		sweepUnfinished(this.folder.writable(), database);
		return backup(connection, version, true);
	}

	/**
	 * With {@code requireIntact} false, a copy that fails the integrity check is kept as it is, for
	 * the safety backup before a restore: a damaged database is exactly when a restore is needed,
	 * and its state is still worth keeping. The copy must still be whole (its page count).
	 */
	private BackupInfo backup(Connection connection, String version, boolean requireIntact) {
		Path database = mainFile(connection);
		BackupName first = BackupName.first(database, this.clock.instant(), version, this.settings.compress());
		Path directory = this.folder.writable();
		long started = System.nanoTime();
		Path file = null;
		Path copy = null;
		try {
			requireSpace(database, directory);
			BackupName name = this.folder.reserve(first);
			file = directory.resolve(name.fileName());
			// Copied and proven under a name of its own, so a run killed half-way leaves no half backup under a
			// backup's name; the next backup sweeps it.
			copy = file.resolveSibling(file.getFileName() + BackupFolder.PARTIAL);
			Files.deleteIfExists(copy);
			PrivateFiles.createNew(copy);
			String copyChecksum = takeVerifiedCopy(connection, database, copy, requireIntact, !name.compressed());
			String checksum;
			if (name.compressed()) {
				BackupFolder.gzip(copy, file);
				checksum = ChecksumSidecar.compute(file);
				ChecksumSidecar.write(file, checksum);
				deleteWithSiblings(copy);
			}
			else {
				checksum = copyChecksum;
				ChecksumSidecar.write(file, checksum);
				Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			BackupInfo info = new BackupInfo(name.fileName(), name.created(), name.version(), Files.size(file), true,
					checksum);
			logger.info("Backed up {} to {} ({} bytes, verified) in {} ms", database, file, info.size(),
					(System.nanoTime() - started) / 1_000_000);
			return info;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			deleteWithSiblings(copy);
			deleteWithSiblings(file);
			if (file != null) {
				BackupFolder.deleteQuietly(ChecksumSidecar.of(file));
			}
			if (ex instanceof MigratorException migratorException) {
				throw migratorException;
			}
			throw new MigratorException("Backup of " + database + " into " + directory + " failed: " + ex
					+ ". The partial backup was deleted and the database was not changed; fix the cause and run again.", ex);
		}
	}

	/**
	 * Deletes what a run killed while it backed up or restored this database left in the folder:
	 * unfinished backups, and a restore's working copy, a whole database's size each.
	 */
	private void sweepUnfinished(Path directory, String database) {
		this.folder.sweepUnfinished(database);
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path file : files) {
				if (isRestoreWork(file.getFileName().toString(), database)) {
					BackupFolder.deleteQuietly(file);
					logger.info("Deleted {}, the working copy of a restore that was killed", file);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Could not sweep unfinished restores from {}: {}", directory, ex.toString());
		}
	}

	/** Whether a file name is a restore's working copy of this database ({@link #restoreWork}), or SQLite's file beside one. */
	static boolean isRestoreWork(String fileName, String database) {
		String prefix = RESTORE_WORK + database + ".";
		if (!fileName.startsWith(prefix)) {
			return false;
		}
		String rest = fileName.substring(prefix.length());
		return BackupFolder.SQLITE_SIBLINGS.stream().anyMatch((sibling) -> rest.matches("[0-9]+\\.db" + sibling));
	}

	/** A new, empty working copy for a restore of this database, named so that {@link #isRestoreWork} knows it. */
	private Path restoreWork(String database) throws IOException {
		return Files.createTempFile(this.settings.directory(), RESTORE_WORK + database + ".", ".db");
	}

	/**
	 * An uncompressed copy of the connection's database at {@code target}, for a dry run to work on.
	 * Not a backup: no checksum, no retention, the caller deletes it, and nothing is restored from
	 * it; so it is checked for being a whole database (it opens, and has the snapshot's page count)
	 * but not read through by an integrity check, which at 10,000 migrations was as long as the copy.
	 * @param target a file that must not exist yet
	 */
	@Override
	public Path copyForDryRun(Connection connection, Path target) {
		Path database = mainFile(connection);
		try {
			PrivateFiles.createNew(target);
		}
		catch (FileAlreadyExistsException ex) {
			throw new MigratorException("Cannot copy " + database + " for a dry run to " + target
					+ ": the file exists; pass a path that does not exist yet", ex);
		}
		catch (IOException ex) {
			throw new MigratorException("Cannot copy " + database + " for a dry run to " + target + ": " + ex, ex);
		}
		try {
			takeWholeCopy(connection, database, target);
			return target;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			deleteWithSiblings(target);
			if (ex instanceof MigratorException migratorException) {
				throw migratorException;
			}
			throw new MigratorException("Copying " + database + " for a dry run to " + target + " failed: " + ex, ex);
		}
	}

	@Override
	public boolean hasBackupAt(Connection connection, String version) {
		return this.folder.holdsBackupAt(BackupName.databaseName(mainFile(connection)), version);
	}

	@Override
	public void recordState(String id, String fingerprint) {
		this.folder.recordState(id, fingerprint);
	}

	@Override
	public Optional<BackupInfo> sameState(Connection connection, String version, String fingerprint) {
		return this.folder.sameState(BackupName.databaseName(mainFile(connection)), version, fingerprint);
	}

	/**
	 * This database's backups in the folder (every backup there for a store made without one), newest
	 * first, each with its checksum recomputed: a backup whose bytes changed since it was taken, or
	 * that has no checksum, is listed as not verified.
	 */
	@Override
	public List<BackupInfo> list() {
		return this.folder.scan()
			.stream()
			.filter((backup) -> this.listedDatabase == null || backup.name().database().equals(this.listedDatabase))
			.map(BackupFolder::inspect)
			.toList();
	}

	/**
	 * Applies retention to each database's backups in the folder: deletes a backup only if it is
	 * both beyond the newest {@code retentionCount} and older than {@code retentionAge}.
	 * @param keepId the backup of the current run, never deleted (may be {@code null})
	 * @return the ids deleted
	 */
	@Override
	public List<String> prune(String keepId) {
		return this.folder.prune(this.clock.instant(), keepId);
	}

	/**
	 * Puts a listed backup back into the connection's database, while other connections stay open.
	 * Checks first (id, checksum, integrity), then takes a safety backup of the current state, then
	 * restores through SQLite's online API and checks the live database.
	 * @param id the file name of a listed backup, nothing else
	 * @param currentVersion the schema version now, for the safety backup's name
	 * @throws MigratorException if the id is not a listed backup or the backup is damaged (nothing
	 * was touched), or if the restore failed (the message names the safety backup)
	 */
	@Override
	public RestoreResult restore(Connection connection, String id, String currentVersion) {
		BackupName.requireVersion(currentVersion);
		StoredBackup chosen = this.folder.requireListed(id, "app_20250101_120000_v3.db");
		Path database = mainFile(connection);
		String databaseName = BackupName.databaseName(database);
		if (!chosen.name().database().equals(databaseName)) {
			throw new MigratorException("Backup " + id + " was taken of a database named '" + chosen.name().database()
					+ "', not of " + database + "; pick a backup of '" + databaseName + "'");
		}
		Path work = null;
		try {
			BackupInfo restored = BackupFolder.requireUnchanged(chosen);
			// Never opened in place: SQLite may write to a file it opens, and the stored bytes must stay as checksummed.
			sweepUnfinished(this.settings.directory(), databaseName);
			work = restoreWork(databaseName);
			unpack(chosen, work);
			FileCheck check;
			try {
				SqliteOnlineBackup.useRollbackJournal(work);
				check = SqliteOnlineBackup.check(work);
			}
			catch (SQLException ex) {
				throw new MigratorException("Backup " + id + " is damaged: its content cannot be read as a SQLite database ("
						+ ex.getMessage() + "). The database was not touched; restore another backup.", ex);
			}
			if (!check.intact()) {
				throw new MigratorException("Backup " + id + " is damaged: PRAGMA integrity_check on its content answered '"
						+ check.integrity() + "'. The database was not touched; restore another backup.");
			}
			BackupInfo safety;
			try {
				safety = backup(connection, currentVersion, false);
			}
			catch (MigratorException ex) {
				throw new MigratorException("Restoring " + id + " was not started: the safety backup of the current state"
						+ " failed. " + ex.getMessage() + " The database was not touched.", ex);
			}
			restoreInto(connection, database, work, check.pageCount(), restored, safety);
			logger.info("Restored {} into {}; the state before is in backup {}", id, database, safety.id());
			return new RestoreResult(restored, safety);
		}
		catch (IOException ex) {
			throw new MigratorException("Restoring " + id + " into " + database + " failed before the database was changed: "
					+ ex + "; the database was not touched.", ex);
		}
		finally {
			deleteWithSiblings(work);
		}
	}

	private static Path mainFile(Connection connection) {
		try {
			return SqliteOnlineBackup.mainFile(connection);
		}
		catch (SQLException ex) {
			throw new MigratorException("Cannot find the database file behind the connection (PRAGMA database_list): "
					+ ex.getMessage(), ex);
		}
	}

	private void restoreInto(Connection connection, Path database, Path work, long expectedPages, BackupInfo restored,
			BackupInfo safety) {
		String undo = "The state before the restore is in the safety backup " + safety.id() + ", taken just before.";
		long schemaBefore;
		try {
			schemaBefore = SqliteOnlineBackup.schemaVersion(connection);
			SqliteOnlineBackup.restore(connection, work);
		}
		catch (SQLException ex) {
			throw new MigratorException("Restoring " + restored.id() + " into " + database + " failed: " + ex.getMessage()
					+ ". SQLite restores in one transaction, so the database should be as it was; if in doubt, restore the"
					+ " safety backup " + safety.id() + ", taken just before.", ex);
		}
		try {
			// sqlite-jdbc reports success when the restore gave up waiting for another connection's lock.
			if (SqliteOnlineBackup.schemaVersion(connection) == schemaBefore) {
				throw new MigratorException("Restoring " + restored.id() + " into " + database
						+ " did not take effect: another connection held a lock on the database for longer than the restore"
						+ " waits. The database is unchanged; stop the other connections' work and restore again. " + undo);
			}
			String integrity = SqliteOnlineBackup.integrityCheck(connection);
			long pages = SqliteOnlineBackup.pageCount(connection);
			if (!"ok".equals(integrity) || pages != expectedPages) {
				throw new MigratorException("Restored " + restored.id() + " into " + database
						+ ", but the database then failed verification (integrity_check: '" + integrity + "', pages: " + pages
						+ ", expected " + expectedPages + "). Restore the safety backup to return to the previous state. "
						+ undo);
			}
		}
		catch (SQLException ex) {
			throw new MigratorException("Restored " + restored.id() + " into " + database + ", but could not verify it: "
					+ ex.getMessage() + ". " + undo, ex);
		}
	}

	/**
	 * Copies the database into {@code copy} (an existing empty file) and proves the copy whole: it
	 * opens as a database of the snapshot's page count. For a dry run's copy, which is thrown away.
	 */
	private void takeWholeCopy(Connection connection, Path database, Path copy) throws IOException, SQLException {
		long expectedPages = copy(connection, database, copy);
		long pages;
		try {
			SqliteOnlineBackup.useRollbackJournal(copy);
			pages = SqliteOnlineBackup.pageCount(copy);
		}
		catch (SQLException ex) {
			throw verificationFailed(copy, "it cannot be read as a SQLite database (" + ex.getMessage() + ")");
		}
		requirePages(copy, pages, expectedPages);
	}

	/**
	 * Copies the database into {@code copy} (an existing empty file) and verifies the copy.
	 * @return the copy's SHA-256 as verified, when {@code hash}; else null
	 */
	private String takeVerifiedCopy(Connection connection, Path database, Path copy, boolean requireIntact,
			boolean hash) throws IOException, SQLException {
		long expectedPages = copy(connection, database, copy);
		return verify(copy, expectedPages, requireIntact, hash);
	}

	/**
	 * Copies the database into {@code copy} through the online backup API, then calls the copy hook.
	 * @return the pages the copy must have
	 */
	private long copy(Connection connection, Path database, Path copy) throws IOException, SQLException {
		long sourcePages;
		try {
			sourcePages = SqliteOnlineBackup.copy(connection, copy);
		}
		catch (SQLException ex) {
			String advice = isBusy(ex)
					? "another connection kept the database locked for longer than the busy timeout; run again when it is"
							+ " less busy (in rollback-journal mode a writer committing back to back shuts out readers; WAL"
							+ " mode does not)"
					: isWriteFailure(ex)
							? "writing the copy failed, so the disk holding " + copy.getParent() + " is most likely full (or"
									+ " this process may write no larger files there); free some space there, or point"
									+ " backup.directory at a larger disk, then run again"
							: "run again, and if it keeps failing check the database with PRAGMA integrity_check";
			throw new MigratorException("Copying " + database + " to " + copy + " failed: " + ex.getMessage()
					+ ". The partial copy was deleted and the database was not changed; " + advice + ".", ex);
		}
		this.copyHook.afterCopy(copy);
		// An empty database has no pages; its copy is an empty database of one.
		return Math.max(sourcePages, 1);
	}

	/** SQLITE_IOERR (10) or SQLITE_FULL (13): a full disk or a file-size limit, as SQLite reports them. */
	private static boolean isWriteFailure(SQLException ex) {
		int code = ex.getErrorCode() & 0xff;
		return code == 10 || code == 13;
	}

	private static boolean isBusy(SQLException ex) {
		// SQLite's primary result code is the low byte; SQLITE_BUSY is 5.
		return (ex.getErrorCode() & 0xff) == 5;
	}

	private String verify(Path copy, long expectedPages, boolean requireIntact, boolean hash) {
		FileCheck check;
		FutureTask<String> checksum = null;
		try {
			SqliteOnlineBackup.useRollbackJournal(copy);
			if (hash) {
				// hashed beside the integrity check, both reading the page cache the copy just filled: on two
				// cores the verification's two passes over the file overlap instead of adding up
				checksum = new FutureTask<>(() -> ChecksumSidecar.compute(copy));
				Thread hashing = new Thread(checksum, "migrator-backup-checksum");
				hashing.setDaemon(true);
				hashing.start();
			}
			check = SqliteOnlineBackup.check(copy, this.fullCheck);
		}
		catch (SQLException ex) {
			awaitQuietly(checksum);
			throw verificationFailed(copy, "it cannot be read as a SQLite database (" + ex.getMessage() + ")");
		}
		String sha256 = (checksum != null) ? await(checksum, copy) : null;
		if (!check.intact()) {
			if (requireIntact) {
				throw verificationFailed(copy, "PRAGMA " + SqliteOnlineBackup.pragma(this.fullCheck) + " answered '"
						+ check.integrity() + "' instead of 'ok'");
			}
			logger.warn("The database fails PRAGMA {} ('{}'); its copy {} is kept as it is",
					SqliteOnlineBackup.pragma(this.fullCheck), check.integrity(), copy);
		}
		requirePages(copy, check.pageCount(), expectedPages);
		return sha256;
	}

	private static void requirePages(Path copy, long pages, long expectedPages) {
		if (pages != expectedPages) {
			throw verificationFailed(copy, "it has " + pages + " pages, but the database had " + expectedPages
					+ " in the snapshot it was copied from");
		}
	}

	private static String await(FutureTask<String> checksum, Path copy) {
		try {
			return checksum.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigratorException("Interrupted while computing the checksum of backup " + copy, ex);
		}
		catch (ExecutionException ex) {
			throw new MigratorException("Could not compute the checksum of backup " + copy + ": " + ex.getCause(),
					ex.getCause());
		}
	}

	/** Lets the hashing thread finish before the copy is deleted; its result no longer matters. */
	private static void awaitQuietly(FutureTask<String> checksum) {
		if (checksum == null) {
			return;
		}
		try {
			checksum.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ignored) {
			// the verification's own failure is the one reported
		}
	}

	private static MigratorException verificationFailed(Path copy, String what) {
		return new MigratorException("Backup " + copy + " failed verification: " + what + ". The copy was deleted and the"
				+ " run stopped before changing anything. Check the disk holding " + copy.getParent()
				+ " (free space, errors) and run PRAGMA integrity_check on the database itself, then run again.");
	}

	/** Read from the files, not through SQL: asking the database would already need its read lock. */
	private void requireSpace(Path database, Path directory) throws IOException {
		Path wal = database.resolveSibling(database.getFileName() + "-wal");
		long size = Files.size(database) + (Files.exists(wal) ? Files.size(wal) : 0);
		// The uncompressed copy exists next to its gzip until the gzip is done.
		long needed = size * (this.settings.compress() ? 2 : 1);
		long usable = Files.getFileStore(directory).getUsableSpace();
		if (usable < needed) {
			throw new MigratorException("Not enough space for a backup in " + directory + ": it needs about "
					+ megabytes(needed) + " MB and " + megabytes(usable) + " MB are free; free some space, or point"
					+ " backup.directory at a larger disk");
		}
	}

	private static void unpack(StoredBackup backup, Path target) throws IOException {
		try (InputStream stored = Files.newInputStream(backup.file());
				InputStream content = backup.name().compressed() ? new GZIPInputStream(stored, BUFFER) : stored;
				OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING)) {
			content.transferTo(out);
		}
	}

	/** Deletes a database file and the journal files SQLite may have left beside it. */
	private static void deleteWithSiblings(Path file) {
		if (file == null) {
			return;
		}
		for (String suffix : BackupFolder.SQLITE_SIBLINGS) {
			BackupFolder.deleteQuietly(file.resolveSibling(file.getFileName() + suffix));
		}
	}

	private static long megabytes(long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}

	/** Called with the fresh copy before it is verified; tests damage the copy through it. */
	@FunctionalInterface
	interface CopyHook {

		void afterCopy(Path copy) throws IOException, SQLException;

	}

}
