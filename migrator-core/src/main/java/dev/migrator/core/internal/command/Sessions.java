package dev.migrator.core.internal.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.DatabaseNotFoundException;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.jdbc.DriverDataSource;
import dev.migrator.core.internal.jdbc.SqliteDatabaseFile;
import dev.migrator.core.internal.jdbc.SqliteUrl;
import dev.migrator.core.internal.lock.FileMigrationLock;
import dev.migrator.core.internal.resolve.MigrationResolver;
import dev.migrator.core.internal.lock.LockLease;
import dev.migrator.core.internal.lock.RunnerQueue;

/**
 * What happens before a command's connection is taken, by the kind of command.
 * <ul>
 * <li>A command that only reads (status, info, validate, backups, a dry run) never creates a database:
 * sqlite-jdbc creates a missing file on connect, so a mistyped path is refused before connecting.</li>
 * <li>A command that takes the migration lock queues behind the other threads of this JVM on the same
 * DataSource first, holding no connection ({@link RunnerQueue}); on a SQLite file whose lock another
 * runner holds, it also waits for the file lock before it takes a connection: the holder may keep the
 * database write-locked for as long as it migrates, and a read before the lock would end in
 * {@code SQLITE_BUSY}. A free lock is taken later, as before, so an up-to-date start stays lock-free;
 * with the lock held, an up-to-date start is still recognised by reads that wait only briefly.</li>
 * </ul>
 */
public final class Sessions {

	private Sessions() {
	}

	/** Runs a command that only reads; {@code command} names it in the error for a missing database. */
	public static <T> T read(Configuration configuration, String command, Function<Session, T> body) {
		requireDatabaseFile(configuration.dataSource(), command);
		try (Session session = Session.openForReading(configuration)) {
			return body.apply(session);
		}
	}

	/**
	 * Runs validate: like {@link #read}, but problems in the code are reported before a missing database,
	 * so validating the code works before any database exists.
	 */
	public static <T> T validate(Configuration configuration, Function<Session, T> body) {
		if (missingDatabaseFile(configuration.dataSource()).isPresent()) {
			new MigrationResolver(configuration, "sqlite").resolve();
		}
		return read(configuration, "validate", body);
	}

	/** Runs a dry run: it reads only, so it creates no database either. */
	public static <T> T dryRun(Configuration configuration, Function<Session, T> body) {
		requireDatabaseFile(configuration.dataSource(), "a dry run");
		try (Session session = Session.open(configuration)) {
			return body.apply(session);
		}
	}

	/**
	 * Runs a migrate: like {@link #write(Configuration, Function, Function)}, but for a SQLite file
	 * that does not exist yet the migrations are read first, so that a migration the code cannot
	 * use is reported before connecting creates an empty database file that was never migrated.
	 */
	public static <T> T migrate(Configuration configuration, Function<Session, T> withoutLock,
			Function<Session, T> body) {
		if (missingDatabaseFile(configuration.dataSource()).isPresent()) {
			new MigrationResolver(configuration, "sqlite").resolve();
		}
		return write(configuration, withoutLock, body);
	}

	/** Runs a command that takes the migration lock (rollback, repair, baseline, restore). */
	public static <T> T write(Configuration configuration, Function<Session, T> body) {
		return write(configuration, null, body);
	}

	/**
	 * Runs a command that takes the migration lock; when another runner holds a SQLite file's lock,
	 * {@code withoutLock} is asked first, on a session whose reads wait only briefly (null: ask
	 * nobody), and its answer stands when it has one: an up-to-date start does not wait for the lock.
	 */
	@SuppressWarnings("try") // the queue place and the lease are held until their blocks end; nothing reads them
	public static <T> T write(Configuration configuration, Function<Session, T> withoutLock, Function<Session, T> body) {
		Duration waitTimeout = configuration.lock().waitTimeout();
		try (LockLease place = RunnerQueue.enter(configuration.dataSource(), configuration.schema(), waitTimeout)) {
			LockLease lockTakenFirst = null;
			FileMigrationLock fileLock = sqliteFile(configuration.dataSource())
				.map((database) -> new FileMigrationLock(FileMigrationLock.lockFileOf(database), database.toString()))
				.orElse(null);
			if (fileLock != null && fileLock.holder().isPresent()) {
				if (withoutLock != null) {
					T answer;
					try (Session session = Session.openForReading(configuration)) {
						answer = withoutLock.apply(session);
					}
					if (answer != null) {
						return answer;
					}
				}
				lockTakenFirst = fileLock.acquire(configuration.lock());
			}
			try (LockLease lease = lockTakenFirst; Session session = Session.open(configuration, lockTakenFirst)) {
				return body.apply(session);
			}
		}
	}

	/**
	 * Runs the lock-free up-to-date check of a migrate alone, on a session that reads only: null (no
	 * connection made) for a SQLite file that does not exist yet, which the migrate creates; while
	 * another runner holds a SQLite file's lock, the session's reads wait only briefly. Takes no lock
	 * and no queue place: it only reads what is committed.
	 */
	public static <T> T ifUpToDate(Configuration configuration, Function<Session, T> check) {
		if (missingDatabaseFile(configuration.dataSource()).isPresent()) {
			return null;
		}
		try (Session session = Session.openForReading(configuration)) {
			return check.apply(session);
		}
	}

	/**
	 * Who holds the migration lock. A SQLite file that does not exist (yet) is answered from its lock file
	 * alone: connecting would create the database.
	 */
	public static LockState lockState(Configuration configuration) {
		Optional<Path> file = SqliteUrl.databaseFileOf(configuration.dataSource()).map(Path::toAbsolutePath);
		if (file.isPresent() && !Files.exists(file.get())) {
			return InfoCommand.stateOf(
					new FileMigrationLock(FileMigrationLock.lockFileOf(file.get()), file.get().toString()).holder());
		}
		return read(configuration, "the lock state", (session) -> new InfoCommand(session).lockState());
	}

	private static void requireDatabaseFile(DataSource dataSource, String command) {
		Optional<Path> missing = missingDatabaseFile(dataSource);
		if (missing.isPresent()) {
			throw new DatabaseNotFoundException("No database at " + missing.get().toAbsolutePath() + "; check the URL ("
					+ DriverDataSource.maskPassword(SqliteUrl.urlOf(dataSource).orElseThrow()) + "). "
					+ capitalized(command) + " only reads, so it does not create one; migrate (or baseline) creates"
					+ " a new database.", missing.get().toAbsolutePath());
		}
	}

	/** The SQLite file the DataSource's URL names, when it does not exist. */
	private static Optional<Path> missingDatabaseFile(DataSource dataSource) {
		return SqliteUrl.databaseFileOf(dataSource).filter((file) -> !Files.exists(file));
	}

	/**
	 * The SQLite database file behind a DataSource: from its URL where it tells one, else asked of a
	 * connection that is given back at once ({@code PRAGMA database_list} reads nothing of the database).
	 */
	private static Optional<Path> sqliteFile(DataSource dataSource) {
		Optional<String> url = SqliteUrl.urlOf(dataSource);
		if (url.isPresent()) {
			return SqliteUrl.databaseFile(url.get()).map(Path::toAbsolutePath);
		}
		try (Connection connection = dataSource.getConnection()) {
			if (!"SQLite".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
				return Optional.empty();
			}
			return SqliteDatabaseFile.of(connection);
		}
		catch (SQLException ex) {
			// the session's own connect says what is wrong, in its words
			return Optional.empty();
		}
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
