package dev.migrator.core.internal.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigratorException;

/**
 * The migration lock for MySQL and MariaDB: the server's named lock, {@code GET_LOCK}, taken on the
 * connection the run migrates with.
 * <p>
 * A named lock belongs to the connection that took it and ends with it: when the holder's process
 * dies ({@code kill -9}, a crash, a lost network) the server drops the connection and frees the
 * lock at once, so there is no lease to expire and nothing to take over. A live holder is never
 * overtaken. Commits, rollbacks and DDL leave a named lock alone. The run's own connection rather
 * than a second one: the lock then lives exactly as long as the work, and no idle connection can be
 * cut by {@code wait_timeout} in the middle of a long migration while the work goes on unlocked.
 * <p>
 * The lock is per database (schema), named {@code migrator:<database>}: named locks are server-wide.
 * Waiters poll every 100–200 ms. They name the holder as the server knows it, by connection
 * ({@code IS_USED_LOCK}, then {@code information_schema.PROCESSLIST}: user, client host, what it
 * is doing); the server does not know the holder's process id. Threads of one JVM queue on a
 * {@link JvmLock} first, which also lets them name a holder in this JVM exactly.
 */
public final class MysqlMigrationLock implements MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(MysqlMigrationLock.class);

	/** MySQL and MariaDB refuse longer lock names. */
	static final int MAX_NAME_LENGTH = 64;

	private static final String PREFIX = "migrator:";

	private final Connection connection;

	private final String lockName;

	private final String description;

	private final String jvmKey;

	private final String product;

	MysqlMigrationLock(Connection connection, String lockName, String description, String jvmKey, String product) {
		this.connection = Objects.requireNonNull(connection, "connection");
		this.lockName = lockName;
		this.description = description;
		this.jvmKey = jvmKey;
		this.product = product;
	}

	/**
	 * The lock of the connection's current database, taken on that connection.
	 * @param product "MySQL" or "MariaDB", for messages
	 * @throws MigratorException if the connection has no current database
	 */
	public static MysqlMigrationLock on(Connection connection, String product) throws SQLException {
		String database;
		String server;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT DATABASE(), @@hostname, @@port")) {
			rs.next();
			database = rs.getString(1);
			server = rs.getString(2) + ":" + rs.getInt(3);
		}
		if (database == null) {
			throw new MigratorException("The " + product + " connection has no current database, so there is nothing to "
					+ "migrate: name the database in the JDBC URL (jdbc:" + product.toLowerCase(java.util.Locale.ROOT)
					+ "://host:3306/app)");
		}
		String name = lockName(database);
		// the server's own name and port, so two URLs of one server (localhost, 127.0.0.1) share a JVM lock
		return new MysqlMigrationLock(connection, name, product + " database " + database + " on " + server,
				"mysql:" + server + "/" + name, product);
	}

	/** {@code migrator:<database>}, or a digest of the database name where that would be too long. */
	static String lockName(String database) {
		String name = PREFIX + database;
		if (name.length() <= MAX_NAME_LENGTH) {
			return name;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(database.getBytes(StandardCharsets.UTF_8));
			return PREFIX + HexFormat.of().formatHex(digest).substring(0, MAX_NAME_LENGTH - PREFIX.length());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** The server-wide name of this lock, for messages and tests. */
	public String lockName() {
		return this.lockName;
	}

	@Override
	public LockLease acquire(Duration waitTimeout) {
		LockWait wait = new LockWait(this.description, waitTimeout);
		long start = System.nanoTime();
		JvmLock jvmLock = JvmLock.forKey(this.jvmKey);
		jvmLock.enter(wait);
		ServerSession other = null;
		try {
			long nextLog = start;
			while (!tryLock()) {
				other = holderOnServer();
				jvmLock.holder((other != null) ? other.toLockHolder() : null);
				if (wait.expired()) {
					throw timedOut(other, start, waitTimeout);
				}
				if (System.nanoTime() - nextLog >= 0) {
					nextLog = System.nanoTime() + LockWait.LOG_INTERVAL.toNanos();
					logger.info("Waiting for the migration lock on {}: held by {}; waited {} of {}", this.description,
							describe(other), LockWait.format(Duration.ofNanos(System.nanoTime() - start)),
							LockWait.format(waitTimeout));
				}
				wait.pause();
			}
			LockHolder holder = LockHolder.thisProcessNow();
			jvmLock.holder(holder);
			return wait.acquired(new Lease(this.connection, this.lockName, jvmLock, holder, this.description));
		}
		catch (InterruptedException ex) {
			jvmLock.leave();
			Thread.currentThread().interrupt();
			throw new LockTimeoutException("Interrupted after " + LockWait.format(Duration.ofNanos(System.nanoTime() - start))
					+ " while waiting for the migration lock on " + this.description + " (held by " + describe(other)
					+ "); gave up without the lock because this thread was asked to stop.", null, null, null, ex);
		}
		catch (SQLException ex) {
			jvmLock.leave();
			throw new MigratorException("Could not take the migration lock " + this.lockName + " (GET_LOCK) on "
					+ this.description + ": " + ex.getMessage() + "; check that the database is reachable, then run again",
					ex);
		}
		catch (RuntimeException | Error ex) {
			jvmLock.leave();
			throw ex;
		}
	}

	private boolean tryLock() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
			statement.setString(1, this.lockName);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				int answer = rs.getInt(1);
				if (rs.wasNull()) {
					throw new SQLException("GET_LOCK('" + this.lockName + "', 0) answered NULL (the server reported an error)");
				}
				return answer == 1;
			}
		}
	}

	@Override
	public Optional<LockHolder> holder() {
		JvmLock jvmLock = JvmLock.forKey(this.jvmKey);
		if (!jvmLock.tryEnter()) {
			LockHolder inThisJvm = jvmLock.holder();
			return Optional.of((inThisJvm != null) ? inThisJvm : LockHolder.unknown());
		}
		try {
			return Optional.ofNullable(holderOnServer()).map(ServerSession::toLockHolder);
		}
		catch (SQLException ex) {
			return Optional.of(LockHolder.unknown());
		}
		finally {
			jvmLock.leave();
		}
	}

	/** The connection holding the lock now, as the server describes it; null when the lock is free. */
	private ServerSession holderOnServer() throws SQLException {
		long id;
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
			statement.setString(1, this.lockName);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				id = rs.getLong(1);
				if (rs.wasNull()) {
					return null;
				}
			}
		}
		// Without the PROCESS privilege an account sees only its own connections: the holder may be hidden.
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT USER, HOST, COMMAND, TIME FROM information_schema.PROCESSLIST WHERE ID = ?")) {
			statement.setLong(1, id);
			try (ResultSet rs = statement.executeQuery()) {
				if (rs.next()) {
					return new ServerSession(this.product, id, rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getLong(4));
				}
			}
		}
		return new ServerSession(this.product, id, null, null, null, -1);
	}

	private LockTimeoutException timedOut(ServerSession other, long start, Duration waitTimeout) {
		String kill = (other != null) ? " A connection that hangs can be ended with KILL " + other.id() + "." : "";
		String message = "Timed out after " + LockWait.format(Duration.ofNanos(System.nanoTime() - start))
				+ " waiting for the migration lock on " + this.description + ": held by " + describe(other)
				+ ". Another migration runner is working on this database. Wait for it to finish, then retry;"
				+ " if that process is gone, the server frees its lock as soon as its connection closes, and a retry"
				+ " succeeds." + kill + " To wait longer, raise migrator.lock.wait-timeout (now "
				+ LockWait.format(waitTimeout) + ").";
		return (other != null && other.host() != null)
				? new LockTimeoutException(message, other.clientHost(), null, null)
				: new LockTimeoutException(message, null, null, null);
	}

	private static String describe(ServerSession session) {
		return (session != null) ? session.describe() : "a connection that has just let go of it";
	}

	@Override
	public String toString() {
		return "GET_LOCK('" + this.lockName + "') on " + this.description;
	}

	/**
	 * A connection as {@code information_schema.PROCESSLIST} shows it: {@code user}, {@code host}
	 * ({@code client:port}) and {@code command} are null when this account may not see it.
	 */
	record ServerSession(String product, long id, String user, String host, String command, long seconds) {

		/** The client's host without its port: where to look for the process. */
		String clientHost() {
			if (this.host == null) {
				return null;
			}
			int colon = this.host.lastIndexOf(':');
			return (colon > 0 && this.host.indexOf(':') == colon) ? this.host.substring(0, colon) : this.host;
		}

		String describe() {
			if (this.user == null) {
				return this.product + " connection " + this.id
						+ " (who it is cannot be seen: that takes the PROCESS privilege)";
			}
			return this.product + " connection " + this.id + " (user " + this.user + " from " + this.host + ", "
					+ this.command + " for " + LockWait.format(Duration.ofSeconds(this.seconds)) + ")";
		}

		/**
		 * For {@code lockState()}: the server knows no process id, so the holder is not
		 * {@linkplain LockHolder#known() known} in that sense; host and connection are still given.
		 */
		LockHolder toLockHolder() {
			String host = (clientHost() != null) ? clientHost() : "unknown";
			Instant lastActive = Instant.now().minusSeconds(Math.max(0, this.seconds));
			return new LockHolder(host, -1, this.product + " connection " + this.id, lastActive);
		}

	}

	private static final class Lease implements LockLease {

		private final Connection connection;

		private final String lockName;

		private final JvmLock jvmLock;

		private final LockHolder holder;

		private final String description;

		private final AtomicBoolean released = new AtomicBoolean();

		private final HeldCheck held;

		Lease(Connection connection, String lockName, JvmLock jvmLock, LockHolder holder, String description) {
			this.connection = connection;
			this.lockName = lockName;
			this.jvmLock = jvmLock;
			this.holder = holder;
			this.description = description;
			// confirmed every time: GET_LOCK ends with its connection, which wait_timeout, a KILL or a proxy may cut
			// at any moment, and is then free to another runner at once
			this.held = new HeldCheck(description, Duration.ZERO, null);
		}

		@Override
		public LockHolder holder() {
			return this.holder;
		}

		/** Never: a dead holder's connection, and its lock with it, are gone before anyone else can take it. */
		@Override
		public Optional<LockHolder> tookOverFrom() {
			return Optional.empty();
		}

		/** Whether the server still gives the lock to this connection. */
		@Override
		public void ensureHeld(String before) {
			this.held.ensureHeld(before, () -> {
				try (PreparedStatement statement = this.connection
					.prepareStatement("SELECT IS_USED_LOCK(?) = CONNECTION_ID()")) {
					statement.setString(1, this.lockName);
					try (ResultSet rs = statement.executeQuery()) {
						return rs.next() && rs.getBoolean(1);
					}
				}
			});
		}

		@Override
		public void close() {
			if (!this.released.compareAndSet(false, true)) {
				return;
			}
			try (PreparedStatement statement = this.connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
				statement.setString(1, this.lockName);
				statement.executeQuery().close();
			}
			catch (SQLException ex) {
				logger.warn("Could not release the migration lock on {} ({}); the server releases it when this "
						+ "connection closes", this.description, ex.getMessage());
			}
			finally {
				this.jvmLock.leave();
			}
		}

	}

}
