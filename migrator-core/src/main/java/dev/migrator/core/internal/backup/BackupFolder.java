package dev.migrator.core.internal.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigratorException;

/**
 * The folder a backup store keeps its files in, whatever made them: the backups of one kind (by
 * file extension) found there, names claimed for new ones, retention, and the checksums checked
 * on listing. Every store shares these rules, so backups behave alike on every database.
 */
final class BackupFolder {

	private static final Logger logger = LoggerFactory.getLogger(BackupFolder.class);

	private static final int BUFFER = 1 << 16;

	/**
	 * Added to a backup's name while it is copied and proven; taking the suffix away is what
	 * finishes it. A run killed before that leaves a file with it, which the next backup of the same
	 * database sweeps ({@link #sweepUnfinished}).
	 */
	static final String PARTIAL = ".partial";

	/** What SQLite may leave beside a database file it had open. */
	static final List<String> SQLITE_SIBLINGS = List.of("", "-journal", "-wal", "-shm");

	private final BackupSettings settings;

	private final String extension;

	/**
	 * @param extension the kind of backup this folder holds for its store ({@link BackupName#DATABASE_FILE},
	 * {@link BackupName#DUMP}); files of other kinds are left alone
	 */
	BackupFolder(BackupSettings settings, String extension) {
		this.settings = settings;
		this.extension = extension;
	}

	/** The folder, created if missing (0700), after checking this process may write there. */
	Path writable() {
		Path directory = this.settings.directory();
		if (Files.exists(directory) && !Files.isDirectory(directory)) {
			throw new MigratorException("Cannot create the backup directory " + directory + ": a file of that name is in the way; move it"
					+ " away, or point backup.directory at a folder this process can write to");
		}
		try {
			PrivateFiles.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new MigratorException("Cannot create the backup directory " + directory + ": " + ex
					+ "; create it, or point backup.directory at a folder this process can write to", ex);
		}
		if (!Files.isWritable(directory)) {
			throw new MigratorException("The backup directory " + directory + " is not writable by this process;"
					+ " make it writable, or point backup.directory at a folder this process can write to");
		}
		return directory;
	}

	/** Claims the first free name: the atomic create keeps two backups in one second apart. */
	BackupName reserve(BackupName first) throws IOException {
		BackupName name = first;
		while (true) {
			try {
				PrivateFiles.createNew(this.settings.directory().resolve(name.fileName()));
				return name;
			}
			catch (FileAlreadyExistsException ex) {
				name = name.next();
			}
		}
	}

	/**
	 * Deletes what backups of this database left when their run was killed before they were
	 * finished: the copy under its {@link #PARTIAL} name (with SQLite's files beside it), the name it
	 * had reserved and a checksum already written for it. None of it is a backup yet, and the run that
	 * made it had not changed the database, so nothing is lost. Without this, every killed run would
	 * leave up to a whole database's size behind, and a crash-looping deploy would fill the disk.
	 * Call it only holding the migration lock: then no backup of this database is in the making; and
	 * only on a folder that exists (after {@link #writable()}, or once a backup was found in it).
	 * @return the files deleted
	 */
	List<Path> sweepUnfinished(String database) {
		Path directory = this.settings.directory();
		List<Path> deleted = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				int partial = name.lastIndexOf(PARTIAL);
				if (partial < 0 || !SQLITE_SIBLINGS.contains(name.substring(partial + PARTIAL.length()))) {
					continue;
				}
				Path reserved = directory.resolve(name.substring(0, partial));
				Optional<BackupName> backup = BackupName.parse(reserved.getFileName().toString());
				if (backup.isPresent() && backup.get().database().equals(database)
						&& backup.get().extension().equals(this.extension)) {
					for (Path unfinished : List.of(file, reserved, ChecksumSidecar.of(reserved))) {
						if (Files.deleteIfExists(unfinished)) {
							deleted.add(unfinished);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// Litter is no reason to fail a run; the next one tries again.
			logger.warn("Could not sweep unfinished backups from {}: {}", directory, ex.toString());
		}
		if (!deleted.isEmpty()) {
			logger.info("Deleted {} file(s) of backups that a killed run left unfinished in {}: {}", deleted.size(),
					directory, deleted.stream().map((file) -> file.getFileName().toString()).toList());
		}
		return deleted;
	}

	/**
	 * This kind's backups in the folder, newest first. Symbolic links are ignored: a link dressed as a
	 * backup name must not lead a restore or a listing to a file elsewhere.
	 */
	List<StoredBackup> scan() {
		Path directory = this.settings.directory();
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<StoredBackup> backups = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path file : files) {
				Optional<BackupName> name = BackupName.parse(file.getFileName().toString());
				if (name.isPresent() && name.get().extension().equals(this.extension)
						&& Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					backups.add(new StoredBackup(file, name.get(), Files.size(file)));
				}
			}
		}
		catch (IOException ex) {
			throw new MigratorException("Cannot list the backup directory " + directory + ": " + ex, ex);
		}
		backups.sort((a, b) -> BackupName.NEWEST_FIRST.compare(a.name(), b.name()));
		return backups;
	}

	/**
	 * A backup as a listing shows it, its checksum recomputed: one whose bytes changed since it was
	 * taken, or that has no checksum, is not verified.
	 */
	static BackupInfo inspect(StoredBackup backup) {
		Optional<String> recorded = Optional.empty();
		boolean verified = false;
		try {
			recorded = ChecksumSidecar.read(backup.file());
			verified = recorded.isPresent() && recorded.get().equals(ChecksumSidecar.compute(backup.file()));
		}
		catch (IOException ex) {
			logger.warn("Could not read backup {} to check it: {}", backup.file(), ex.toString());
		}
		return new BackupInfo(backup.id(), backup.name().created(), backup.name().version(), backup.size(), verified,
				recorded.orElse(null));
	}

	/**
	 * Applies retention to each database's backups in the folder: deletes a backup if it is both
	 * beyond the newest {@code retentionCount} and older than {@code retentionAge}, or, whatever its
	 * age, once the newer ones kept already reach {@code maxCount} files or would pass
	 * {@code maxTotalSize} bytes with it: a crash-looping deploy must not fill the disk within the
	 * age window. The newest backup and {@code keepId} are never deleted.
	 * @param now the time retention counts from
	 * @param keepId the backup of the current run, never deleted (may be {@code null})
	 * @return the ids deleted
	 */
	List<String> prune(Instant now, String keepId) {
		Instant cutoff = now.minus(this.settings.retentionAge());
		Map<String, List<StoredBackup>> byDatabase = new LinkedHashMap<>();
		for (StoredBackup backup : scan()) {
			byDatabase.computeIfAbsent(backup.name().database(), (key) -> new ArrayList<>()).add(backup);
		}
		List<String> deleted = new ArrayList<>();
		for (List<StoredBackup> newestFirst : byDatabase.values()) {
			long maxTotalSize = this.settings.maxTotalSize(newestFirst.get(0).size());
			// the current run's backup (reused, it may be old) takes its place under the ceilings first
			StoredBackup current = newestFirst.subList(1, newestFirst.size()).stream()
				.filter((backup) -> backup.id().equals(keepId))
				.findFirst()
				.orElse(null);
			int keptCount = (current != null) ? 1 : 0;
			long keptSize = (current != null) ? current.size() : 0;
			for (int i = 0; i < newestFirst.size(); i++) {
				StoredBackup backup = newestFirst.get(i);
				if (backup == current) {
					continue;
				}
				boolean expired = i >= this.settings.retentionCount() && backup.name().created().isBefore(cutoff);
				boolean overCeiling = keptCount >= this.settings.maxCount() || keptSize + backup.size() > maxTotalSize;
				if (i == 0 || !(expired || overCeiling)) {
					keptCount++;
					keptSize += backup.size();
				}
				else {
					try {
						Files.deleteIfExists(backup.file());
						Files.deleteIfExists(ChecksumSidecar.of(backup.file()));
						Files.deleteIfExists(stateOf(backup.file()));
						deleted.add(backup.id());
					}
					catch (IOException ex) {
						// An old backup that will not go is no reason to fail a run that has its fresh one.
						logger.warn("Could not delete old backup {}: {}", backup.file(), ex.toString());
					}
				}
			}
		}
		if (!deleted.isEmpty()) {
			logger.info("Retention deleted {} old backup(s) from {}: {}", deleted.size(), this.settings.directory(), deleted);
		}
		return deleted;
	}

	/** Where a backup's state fingerprint is kept: {@code <backup>.state}. */
	static Path stateOf(Path backup) {
		return backup.resolveSibling(backup.getFileName() + ".state");
	}

	/** Records what state a backup holds, so that a run finding the database in that state again reuses it. */
	void recordState(String id, String fingerprint) {
		Path state = stateOf(this.settings.directory().resolve(id));
		try {
			Files.deleteIfExists(state);
			PrivateFiles.createNew(state);
			Files.writeString(state, fingerprint + "\n");
		}
		catch (IOException ex) {
			// without it the backup is only not reused
			logger.warn("Could not record the state of backup {}: {}", id, ex.toString());
			deleteQuietly(state);
		}
	}

	/** Whether a backup of {@code database} at {@code version} is in the folder. */
	boolean holdsBackupAt(String database, String version) {
		return scan().stream().anyMatch((b) -> b.name().database().equals(database) && b.name().version().equals(version));
	}

	/**
	 * A backup of this database and version recorded with this state, whose bytes are still as
	 * checksummed when it was taken; empty if there is none.
	 */
	Optional<BackupInfo> sameState(String database, String version, String fingerprint) {
		for (StoredBackup backup : scan()) {
			if (!backup.name().database().equals(database) || !backup.name().version().equals(version)) {
				continue;
			}
			try {
				Path state = stateOf(backup.file());
				if (Files.exists(state) && Files.readString(state).strip().equals(fingerprint)) {
					return Optional.of(requireUnchanged(backup));
				}
			}
			catch (IOException | MigratorException ex) {
				logger.warn("Backup {} holds the same state but cannot be reused: {}", backup.id(), ex.getMessage());
			}
		}
		return Optional.empty();
	}

	/**
	 * The listed backup with exactly this id, a bare file name; anything else (a path, a name that is
	 * not a backup's, one not in the folder) is refused.
	 * @param example an id of this kind, for the message
	 */
	StoredBackup requireListed(String id, String example) {
		if (id == null || id.isBlank()) {
			throw new MigratorException("No backup id given: pass the file name of a listed backup; nothing was touched");
		}
		if (id.contains("/") || id.contains("\\") || id.indexOf('\0') >= 0 || BackupName.parse(id).isEmpty()) {
			throw new MigratorException("'" + id + "' is not a backup id: an id is the bare file name of a listed backup,"
					+ " such as " + example + ", without any folder; nothing was touched");
		}
		for (StoredBackup backup : scan()) {
			if (backup.id().equals(id)) {
				return backup;
			}
		}
		throw new MigratorException("There is no backup '" + id + "' in " + this.settings.directory()
				+ ": list the backups to see the ids you can restore; nothing was touched");
	}

	/** The backup as stored, its checksum checked; a missing or different one is refused, touching nothing. */
	static BackupInfo requireUnchanged(StoredBackup backup) throws IOException {
		Optional<String> recorded = ChecksumSidecar.read(backup.file());
		if (recorded.isEmpty()) {
			throw new MigratorException("Backup " + backup.id() + " has no recorded checksum (" + ChecksumSidecar.of(backup.file())
					+ " is missing or unreadable), so it cannot be shown to be intact. The database was not touched;"
					+ " restore another backup.");
		}
		String actual = ChecksumSidecar.compute(backup.file());
		if (!actual.equals(recorded.get())) {
			throw new MigratorException("Backup " + backup.id() + " is corrupt: its SHA-256 is " + actual + " but was "
					+ recorded.get() + " when it was taken. The database was not touched; restore another backup.");
		}
		return new BackupInfo(backup.id(), backup.name().created(), backup.name().version(), backup.size(), true, actual);
	}

	/** Compresses {@code source} into {@code target} at the fastest level, then forces it to disk. */
	static void gzip(Path source, Path target) throws IOException {
		try (InputStream in = Files.newInputStream(source);
				OutputStream out = new FastGzipOutputStream(
						Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING))) {
			in.transferTo(out);
		}
		try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	/** Deletes a file if there is one; a file that will not go is logged, not thrown. */
	static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}: {}", file, ex.toString());
		}
	}

	/**
	 * gzip at the fastest level: on a 311 MB database it was three times faster than the default
	 * level, for 46% of the input instead of 44% (docs/BACKUP-MEASUREMENTS.md).
	 */
	private static final class FastGzipOutputStream extends GZIPOutputStream {

		FastGzipOutputStream(OutputStream out) throws IOException {
			super(out, BUFFER);
			this.def.setLevel(Deflater.BEST_SPEED);
		}

	}

	/** A backup file in the folder and what its name says. */
	record StoredBackup(Path file, BackupName name, long size) {

		String id() {
			return this.file.getFileName().toString();
		}

	}

}
