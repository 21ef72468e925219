package dev.migrator.core.internal.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.jdbc.SqliteDatabaseFile;

/**
 * The migration lock for SQLite: an operating-system lock on a sidecar file,
 * {@code <database file>.migrator.lock}, next to the database.
 * <p>
 * Why not a lock table with a heartbeat, as on server databases: SQLite allows one writer at a time,
 * so while a migration holds a long write transaction the heartbeat's own write would fail with
 * {@code SQLITE_BUSY}, and the live holder would look dead. An OS file lock ({@code fcntl} on Linux
 * and macOS) needs no heartbeat: the kernel drops it when the holding process ends, however it ends
 * ({@code kill -9} included), so a dead holder is taken over at once, and a live holder is never
 * overtaken however long it runs, since there is no lease to expire.
 * <p>
 * The holder writes its identity (host, pid, owner id, since) into the file, and clears it on a clean
 * release; while it holds the lock, a thread of its own counts a heartbeat in the file every third of
 * the lease, so that waiters can tell a holder that is alive and working from one that is frozen
 * (see {@link LockWait}), without touching the database; runners in other processes read it to say who they are waiting for (advisory locks do not
 * block reads), and an acquirer that finds an identity left behind knows the previous holder died
 * and reports the takeover. The file itself is kept: deleting it would race with other acquirers,
 * which could end up holding locks on different files.
 * <p>
 * Within one JVM, threads first take a {@link JvmLock} per canonical lock-file path, and only its
 * holder opens the file: POSIX drops a process's lock when <em>any</em> descriptor of the file is
 * closed, and the JDK refuses a second lock on the same file in one JVM.
 * <p>
 * Limits: hosts that share the database over a network filesystem are only as safe as that
 * filesystem's lock support, exactly as SQLite itself is. Two paths to one file are recognised
 * through symbolic links but not hard links. On Windows the lock blocks reads, so waiters there
 * cannot name the holder.
 */
public final class FileMigrationLock implements MigrationLock {

	/** Appended to the database file's name to name its lock file. */
	public static final String SUFFIX = ".migrator.lock";

	private static final Logger logger = LoggerFactory.getLogger(FileMigrationLock.class);

	/** The line after the identity that says which version the holder committed last. */
	private static final String COMMITTED = "committed=";

	/** The line that counts the holder's heartbeats. */
	private static final String BEAT = "beat=";

	/** An identity is well under 200 bytes; anything longer is not ours, and reading on is pointless. */
	private static final int MAX_CONTENT_BYTES = 4096;

	private final Path lockFile;

	private final String description;

	/**
	 * @param lockFile the file to lock; created if missing, its directory must exist
	 * @param description the database as messages should name it, e.g. its path
	 */
	public FileMigrationLock(Path lockFile, String description) {
		this.lockFile = Objects.requireNonNull(lockFile, "lockFile");
		this.description = Objects.requireNonNull(description, "description");
	}

	/**
	 * The lock file of the main database of a SQLite connection, or empty for an in-memory or
	 * temporary database, which no other process can share.
	 */
	public static Optional<Path> lockFileFor(Connection sqlite) throws SQLException {
		return mainDatabaseFile(sqlite).map(FileMigrationLock::lockFileOf);
	}

	/**
	 * The lock for a SQLite connection's main database: a file lock for a database file, else an
	 * {@link InProcessMigrationLock} on {@code inMemoryKey} (e.g. the JDBC URL).
	 */
	public static MigrationLock forSqlite(Connection sqlite, String inMemoryKey) throws SQLException {
		Optional<Path> database = mainDatabaseFile(sqlite);
		if (database.isPresent()) {
			return new FileMigrationLock(lockFileOf(database.get()), database.get().toString());
		}
		return new InProcessMigrationLock(inMemoryKey, "in-memory database " + inMemoryKey);
	}

	/** The lock file of a SQLite database file: {@code <database>.migrator.lock} beside it. */
	public static Path lockFileOf(Path database) {
		return database.resolveSibling(database.getFileName() + SUFFIX);
	}

	private static Optional<Path> mainDatabaseFile(Connection sqlite) throws SQLException {
		return SqliteDatabaseFile.of(sqlite);
	}

	/** The lock file, for messages and tests. */
	public Path lockFile() {
		return this.lockFile;
	}

	/** Waits up to {@code waitTimeout}, whoever holds the lock; the lease beats every third of the default lease. */
	@Override
	public LockLease acquire(Duration waitTimeout) {
		return acquire(new LockWait(this.description, waitTimeout), Configuration.Lock.DEFAULTS.lease());
	}

	/** Waits past the timeout, up to the max wait, while the holder's heartbeat moves; beats every third of the lease. */
	@Override
	public LockLease acquire(Configuration.Lock settings) {
		return acquire(new LockWait(this.description, settings.waitTimeout(), settings.maxWait(), settings.lease()),
				settings.lease());
	}

	private LockLease acquire(LockWait wait, Duration lease) {
		JvmLock jvmLock = JvmLock.forKey("file:" + canonicalPath());
		jvmLock.enter(wait);
		FileChannel channel = null;
		try {
			channel = openLockFile(StandardOpenOption.CREATE);
			FileLock fileLock = lockWithin(channel, wait, jvmLock);
			return wait.acquired(take(channel, fileLock, jvmLock, lease));
		}
		catch (ClosedByInterruptException ex) {
			// interrupted while writing the identity: the channel is closed and the lock with it
			closeAfterFailure(channel, jvmLock, ex);
			Thread.currentThread().interrupt();
			throw wait.interrupted(null, ex);
		}
		catch (IOException ex) {
			closeAfterFailure(channel, jvmLock, ex);
			throw new MigratorException("Could not use the lock file " + this.lockFile + " of " + this.description
					+ ": " + ex + "; check that its directory exists and this process may create and write files in it",
					ex);
		}
		catch (RuntimeException | Error ex) {
			closeAfterFailure(channel, jvmLock, ex);
			throw ex;
		}
	}

	/**
	 * Opens the lock file itself, never what a link there points at: the holder truncates the file, and
	 * a symbolic link planted in its place ({@code app.db.migrator.lock -> /etc/important}) would make it
	 * empty another file. {@code NOFOLLOW_LINKS} makes the open fail on a link (O_NOFOLLOW), so no race
	 * between a check and the open; a hard link (two names, one file) is refused after the open, before
	 * anything is written.
	 */
	private FileChannel openLockFile(StandardOpenOption... extra) throws IOException {
		if (Files.isSymbolicLink(this.lockFile)) {
			throw plantedLink();
		}
		Set<OpenOption> options = new HashSet<>(List.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS));
		options.addAll(List.of(extra));
		FileChannel channel;
		try {
			channel = FileChannel.open(this.lockFile, options);
		}
		catch (FileSystemException ex) {
			// ELOOP: a link appeared between the check and the open
			if (Files.isSymbolicLink(this.lockFile)) {
				throw plantedLink();
			}
			throw ex;
		}
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.lockFile, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile() || linkCount() > 1) {
				throw new MigratorException("The lock file " + this.lockFile + " of " + this.description + " is not a"
						+ " plain file of its own (" + (attributes.isRegularFile() ? "it has other names: a hard link"
								: "not a regular file")
						+ "), so Migrator will not write to it; remove " + this.lockFile
						+ " (Migrator creates it again) and check who put it there");
			}
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/** The number of names the lock file has, where the file system tells (POSIX); 1 elsewhere. */
	private long linkCount() throws IOException {
		try {
			return ((Number) Files.getAttribute(this.lockFile, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).longValue();
		}
		catch (UnsupportedOperationException | IllegalArgumentException ex) {
			return 1;
		}
	}

	private MigratorException plantedLink() {
		String target;
		try {
			target = Files.readSymbolicLink(this.lockFile).toString();
		}
		catch (IOException ex) {
			target = "(unreadable)";
		}
		return new MigratorException("The lock file " + this.lockFile + " of " + this.description
				+ " is a symbolic link to " + target + "; Migrator writes to its lock file and never follows a link"
				+ " there (it would overwrite the target). Remove the link " + this.lockFile
				+ "; Migrator creates the lock file itself");
	}

	@Override
	public Optional<LockHolder> holder() {
		JvmLock jvmLock = JvmLock.forKey("file:" + canonicalPath());
		if (!jvmLock.tryEnter()) {
			LockHolder inThisJvm = jvmLock.holder();
			return Optional.of((inThisJvm != null) ? inThisJvm : LockHolder.unknown());
		}
		// Only with the JVM-wide permit may this thread open the file: closing a descriptor would drop
		// a lock another thread of this JVM holds on it.
		try (FileChannel channel = openLockFile()) {
			FileLock probe = tryLock(channel);
			if (probe == null) {
				LockHolder other = waitedFor(channel);
				return Optional.of((other != null) ? other : LockHolder.unknown());
			}
			probe.release();
			return Optional.empty();
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of(LockHolder.unknown());
		}
		finally {
			jvmLock.leave();
		}
	}

	/**
	 * The version the holder says it committed last, when someone holds the lock and said so: for a
	 * report that cannot read the database while the holder writes it. Empty when the lock is free.
	 */
	public Optional<String> lastCommitted() {
		JvmLock jvmLock = JvmLock.forKey("file:" + canonicalPath());
		if (!jvmLock.tryEnter()) {
			return Optional.ofNullable(jvmLock.committed());
		}
		try (FileChannel channel = openLockFile()) {
			FileLock probe = tryLock(channel);
			if (probe != null) {
				probe.release();
				return Optional.empty();
			}
			return committedIn(read(channel));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		finally {
			jvmLock.leave();
		}
	}

	private static Optional<String> committedIn(String content) {
		for (String line : content.split("\n")) {
			if (line.startsWith(COMMITTED)) {
				String version = line.substring(COMMITTED.length()).trim();
				return version.isEmpty() ? Optional.empty() : Optional.of(version);
			}
		}
		return Optional.empty();
	}

	/**
	 * Keys the JVM-wide lock: two spellings of one path (relative, through a symbolic link) must share
	 * it. Resolved without opening the file, since closing a descriptor would drop a lock held on it.
	 */
	private String canonicalPath() {
		Path absolute = this.lockFile.toAbsolutePath();
		try {
			if (Files.exists(absolute)) {
				return absolute.toRealPath().toString();
			}
			Path parent = absolute.getParent();
			return (parent != null) ? parent.toRealPath().resolve(absolute.getFileName()).toString()
					: absolute.toString();
		}
		catch (IOException ex) {
			// opening the file will fail just the same and say why; until then any stable key will do
			return absolute.normalize().toString();
		}
	}

	/** Polls for the OS lock until the wait runs out; only the holder of {@code jvmLock} gets here. */
	private FileLock lockWithin(FileChannel channel, LockWait wait, JvmLock jvmLock) throws IOException {
		LockHolder holder = null;
		try {
			while (true) {
				FileLock fileLock = tryLock(channel);
				if (fileLock != null) {
					return fileLock;
				}
				String content = readWhileHeld(channel);
				holder = holderIn(content);
				jvmLock.holder(holder);
				wait.stillHeldBy(holder, beatIn(content));
			}
		}
		catch (InterruptedException | ClosedByInterruptException ex) {
			// an interrupt during I/O closes the channel: the same request to stop as one during the pause
			Thread.currentThread().interrupt();
			throw wait.interrupted(holder, ex);
		}
	}

	private FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			throw new MigratorException("This JVM already holds a lock on " + this.lockFile
					+ " that Migrator did not take through this path (a hard link, or code outside Migrator);"
					+ " use one path to the database", ex);
		}
	}

	/** Who holds the file, as its content says; {@code null} when it says nothing useful (yet). */
	private static LockHolder waitedFor(FileChannel channel) throws ClosedByInterruptException {
		return holderIn(readWhileHeld(channel));
	}

	/** The file's content as a waiter reads it; empty when it cannot be read. */
	private static String readWhileHeld(FileChannel channel) throws ClosedByInterruptException {
		try {
			return read(channel);
		}
		catch (ClosedByInterruptException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// e.g. on Windows, where the holder's lock blocks reads; waiting goes on without a name
			return "";
		}
	}

	private static LockHolder holderIn(String content) {
		return content.isBlank() ? null : LockHolder.parse(content);
	}

	/** The holder's heartbeat count, or null when the file has none (an older Migrator holds it, or nobody). */
	private static String beatIn(String content) {
		for (String line : content.split("\n")) {
			if (line.startsWith(BEAT)) {
				return line.substring(BEAT.length()).trim();
			}
		}
		return null;
	}

	private Lease take(FileChannel channel, FileLock fileLock, JvmLock jvmLock, Duration lease) throws IOException {
		String left = read(channel);
		LockHolder holder = LockHolder.thisProcessNow();
		channel.truncate(0);
		// the first beat with the identity: a waiter arriving before the next one can already watch it
		ByteBuffer identity = ByteBuffer.wrap((holder.toText() + BEAT + "0\n").getBytes(StandardCharsets.UTF_8));
		while (identity.hasRemaining()) {
			channel.write(identity, identity.position());
		}
		// on disk before anyone relies on it: after a power loss the next acquirer still sees who died
		channel.force(true);
		Optional<LockHolder> previous = left.isBlank() ? Optional.empty() : Optional.of(LockHolder.parse(left));
		previous.ifPresent((dead) -> logger.warn(
				"Took over the migration lock on {} from {}, which ended without releasing it"
						+ " (killed, crashed, or its machine went down)",
				this.description, dead.describe()));
		jvmLock.holder(holder);
		return new Lease(channel, fileLock, jvmLock, holder, previous, this.description, this.lockFile, lease);
	}

	private static String read(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(MAX_CONTENT_BYTES);
		while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
			// reading on: a short read is not the end of the file
		}
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
	}

	private static void closeAfterFailure(FileChannel channel, JvmLock jvmLock, Throwable primary) {
		try {
			if (channel != null) {
				channel.close();
			}
		}
		catch (IOException ex) {
			primary.addSuppressed(ex);
		}
		finally {
			jvmLock.leave();
		}
	}

	@Override
	public String toString() {
		return "file migration lock " + this.lockFile + " on " + this.description;
	}

	private static final class Lease implements LockLease {

		private final FileChannel channel;

		private final FileLock fileLock;

		private final JvmLock jvmLock;

		private final LockHolder holder;

		private final Optional<LockHolder> tookOverFrom;

		private final String description;

		private final Path lockFile;

		private final AtomicBoolean released = new AtomicBoolean();

		private final Heartbeat heartbeat;

		/** What the file says after the identity; written under this lease's monitor. */
		private String committed;

		private long beats;

		Lease(FileChannel channel, FileLock fileLock, JvmLock jvmLock, LockHolder holder,
				Optional<LockHolder> tookOverFrom, String description, Path lockFile, Duration lease) {
			this.channel = channel;
			this.fileLock = fileLock;
			this.jvmLock = jvmLock;
			this.holder = holder;
			this.tookOverFrom = tookOverFrom;
			this.description = description;
			this.lockFile = lockFile;
			this.heartbeat = Heartbeat.every(lease.dividedBy(3), "migrator-lock-heartbeat", this::beat);
		}

		/** Counts one beat in the file; on the heartbeat's thread, which nothing interrupts (see {@link #close}). */
		private synchronized boolean beat() {
			if (this.released.get()) {
				return false;
			}
			this.beats++;
			try {
				rewrite();
			}
			catch (IOException ex) {
				// a passing error: waiters see the beat stand still, and only after a whole lease stop trusting it
				logger.debug("Could not write the heartbeat to {}: {}", this.lockFile, ex.toString());
			}
			return true;
		}

		/**
		 * Rewrites the file as the identity, the version and the beat, from the start and then cut to
		 * length: the identity's bytes stay as they were, so a reader never sees the file without it.
		 * Not forced to disk: after a crash the identity is what matters, and it is.
		 */
		private void rewrite() throws IOException {
			String text = this.holder.toText() + ((this.committed != null) ? COMMITTED + this.committed + "\n" : "")
					+ BEAT + this.beats + "\n";
			byte[] content = text.getBytes(StandardCharsets.UTF_8);
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				this.channel.write(buffer, buffer.position());
			}
			this.channel.truncate(content.length);
		}

		@Override
		public LockHolder holder() {
			return this.holder;
		}

		@Override
		public Optional<LockHolder> tookOverFrom() {
			return this.tookOverFrom;
		}

		/** Held until released: the operating system lets go of a file lock only when its process ends. */
		@Override
		public void ensureHeld(String before) {
		}

		/** Notes the version in the file, for a report that cannot read the database meanwhile. */
		@Override
		public synchronized void committed(String version) {
			if (this.released.get()) {
				return;
			}
			this.jvmLock.committed(version);
			this.committed = version;
			boolean interrupted = Thread.interrupted();
			try {
				rewrite();
			}
			catch (IOException ex) {
				logger.debug("Could not note version {} in {}: {}", version, this.lockFile, ex.toString());
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void close() {
			if (!this.released.compareAndSet(false, true)) {
				return;
			}
			// an interrupt would close the channel under a beat writing it, and the lock with it
			this.heartbeat.stopWithoutInterrupting();
			// a pending interrupt would close the channel in the middle of clearing it (an interruptible
			// channel), leaving the identity behind as if this holder had died
			boolean interrupted = Thread.interrupted();
			try {
				clearIdentity();
				unlock();
			}
			finally {
				this.jvmLock.leave();
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

		/** Cleared before unlocking, so it can never wipe out the identity of the next holder. */
		private void clearIdentity() {
			try {
				this.channel.truncate(0);
				this.channel.force(true);
			}
			catch (IOException ex) {
				logger.warn("Could not clear {} on releasing the migration lock on {} ({}); the next runner will"
						+ " report taking the lock over from {}", this.lockFile, this.description, ex,
						this.holder.describe());
			}
		}

		private void unlock() {
			try {
				this.fileLock.release();
			}
			catch (IOException ex) {
				// closing the channel below releases it all the same
			}
			finally {
				try {
					this.channel.close();
				}
				catch (IOException ex) {
					logger.warn("Could not close {} on releasing the migration lock on {}: {}", this.lockFile,
							this.description, ex.toString());
				}
			}
		}

	}

}
