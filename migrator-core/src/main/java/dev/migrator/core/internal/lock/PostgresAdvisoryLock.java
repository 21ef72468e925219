package dev.migrator.core.internal.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;

/**
 * The migration lock on PostgreSQL: an advisory lock, on a connection of its own that stays open for
 * the run. The server drops it when that connection ends, however the holder ends ({@code kill -9},
 * a crash), so a dead holder frees the lock at once and a live one is never overtaken.
 * <p>
 * Two levels. {@link #sessionLevel session}: {@code pg_advisory_lock}, for direct connections and
 * session pooling. {@link #transactionLevel transaction}: {@code pg_advisory_xact_lock} inside a
 * transaction kept open until release; a pooler in transaction mode keeps a transaction on one server
 * connection, so this one also holds behind PgBouncer. A keep-alive every third of the lease keeps
 * the transaction from looking idle, and {@code idle_in_transaction_session_timeout} set to the lease
 * lets the server end it when its holder's host vanished without closing the connection. The
 * transaction holds no snapshot (see {@link #holdWithoutSnapshot}), and waiters hold no transaction,
 * so neither holds back the migration's {@code CREATE INDEX CONCURRENTLY} or vacuum.
 * <p>
 * Waiters name the holder from {@code pg_locks} and {@code pg_stat_activity}: the holder puts its
 * host, pid, owner and since into its connection's {@code application_name}; for a holder that did
 * not (another tool on the same key), its client address, server process id and start time.
 */
public final class PostgresAdvisoryLock implements MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(PostgresAdvisoryLock.class);

	/** Marks an {@code application_name} as a holder's identity: {@code migrator;pid;owner;since;host}. */
	static final String TAG = "migrator;";

	/** PostgreSQL keeps the first 63 bytes of an {@code application_name}. */
	private static final int MAX_NAME_BYTES = 63;

	private static final String HOLDER_QUERY = "SELECT a.pid, a.application_name, host(a.client_addr), a.client_hostname,"
			+ " a.backend_start, a.xact_start, a.state_change FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
			+ " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
			+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
			+ " AND l.classid::bigint = ? AND l.objid::bigint = ?";

	private final DataSource dataSource;

	private final long key;

	private final boolean transactionLevel;

	private final Duration lease;

	private final String description;

	private PostgresAdvisoryLock(DataSource dataSource, long key, boolean transactionLevel, Duration lease,
			String description) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.key = key;
		this.transactionLevel = transactionLevel;
		this.lease = lease;
		this.description = Objects.requireNonNull(description, "description");
	}

	/** {@code pg_advisory_lock} on a connection of its own: for direct connections and session pooling. */
	public static PostgresAdvisoryLock sessionLevel(DataSource dataSource, long key, String description) {
		return new PostgresAdvisoryLock(dataSource, key, false, null, description);
	}

	/**
	 * {@code pg_advisory_xact_lock} held by an open transaction on a connection of its own.
	 * @param lease the keep-alive runs every third of it; the server ends the transaction after a
	 * whole lease without one
	 */
	public static PostgresAdvisoryLock transactionLevel(DataSource dataSource, long key, Duration lease,
			String description) {
		return new PostgresAdvisoryLock(dataSource, key, true, Objects.requireNonNull(lease, "lease"), description);
	}

	/**
	 * The lock's key: the first 64 bits of the SHA-256 of database, schema and lock table name, so
	 * two applications in one database, in different schemas or with different tables, do not block
	 * each other, and every runner of one application computes the same key.
	 */
	public static long key(String database, String schema, String lockTable) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("migrator/" + database + "/" + schema + "/" + lockTable).getBytes(StandardCharsets.UTF_8));
			long key = 0;
			for (int i = 0; i < 8; i++) {
				key = (key << 8) | (digest[i] & 0xff);
			}
			return key;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	@Override
	public LockLease acquire(Duration waitTimeout) {
		return acquire(new LockWait(this.description, waitTimeout));
	}

	/**
	 * Transaction level: past the timeout, waits on (up to the max wait) while the holder's keep-alive
	 * moves its connection's {@code state_change}. Session level has no keep-alive, and waits as
	 * {@link #acquire(Duration)}.
	 */
	@Override
	public LockLease acquire(Configuration.Lock settings) {
		return acquire(this.transactionLevel
				? new LockWait(this.description, settings.waitTimeout(), settings.maxWait(), this.lease)
				: new LockWait(this.description, settings.waitTimeout()));
	}

	private LockLease acquire(LockWait wait) {
		Connection connection = connect();
		LockHolder holder = null;
		try {
			LockHolder self = identity(LockHolder.thisProcessNow());
			String originalName = null;
			// a pool may lend connections with auto-commit off; a session-level holder must not sit in a transaction
			connection.setAutoCommit(!this.transactionLevel);
			if (!this.transactionLevel) {
				originalName = setting(connection, "application_name");
				setConfig(connection, "application_name", applicationName(self), false);
			}
			while (true) {
				if (this.transactionLevel) {
					// SET LOCAL: behind a pooler, a session setting would stay on a server connection others use
					setConfig(connection, "application_name", applicationName(self), true);
				}
				if (tryLock(connection)) {
					if (this.transactionLevel) {
						holdWithoutSnapshot(connection, this.lease);
					}
					return wait.acquired(new Lease(this, connection, self, originalName));
				}
				Optional<Seen> seen = seenFrom(connection);
				holder = seen.map(Seen::holder).orElse(null);
				if (this.transactionLevel) {
					// a waiter keeps no transaction open: it would hold back the holder's CREATE INDEX CONCURRENTLY
					// (and a new transaction reads pg_stat_activity afresh)
					connection.rollback();
				}
				wait.stillHeldBy(holder, seen.map(Seen::heartbeat).orElse(null));
			}
		}
		catch (InterruptedException ex) {
			closeAfterFailure(connection, ex);
			Thread.currentThread().interrupt();
			throw wait.interrupted(holder, ex);
		}
		catch (SQLException ex) {
			closeAfterFailure(connection, ex);
			throw new MigratorException("Could not take the advisory lock on " + this.description + ": "
					+ ex.getMessage() + "; check that the database is reachable, then run again", ex);
		}
		catch (RuntimeException | Error ex) {
			closeAfterFailure(connection, ex);
			throw ex;
		}
	}

	@Override
	public Optional<LockHolder> holder() {
		try (Connection connection = connect()) {
			connection.setAutoCommit(true);
			return holderSeenFrom(connection);
		}
		catch (SQLException ex) {
			throw new MigratorException("Could not read who holds the advisory lock on " + this.description + ": "
					+ ex.getMessage(), ex);
		}
	}

	private Connection connect() {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new MigratorException("Could not open a connection for the migration lock on " + this.description + ": "
					+ ex.getMessage() + "; the lock needs one connection besides the migration's own (raise the pool"
					+ " size if it is 1)", ex);
		}
	}

	/**
	 * Keeps the lock's transaction open without a snapshot. A finished SELECT's portal keeps its
	 * snapshot, and with it the transaction's xmin, until the next statement replaces it: CREATE INDEX
	 * CONCURRENTLY waits for every transaction with an older xmin (the migration's own lock included)
	 * and vacuum cannot clean up behind it. A utility statement needs no snapshot, so it is the last
	 * one sent, and the keep-alive. It also has the server end the transaction after a lease without
	 * a keep-alive, when the holder's host vanished without closing the connection.
	 */
	static void holdWithoutSnapshot(Connection connection, Duration lease) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// PostgreSQL takes at most INT_MAX milliseconds (24.8 days)
			long millis = Math.min(lease.toMillis(), Integer.MAX_VALUE);
			statement.execute("SET LOCAL idle_in_transaction_session_timeout = " + millis);
		}
	}

	private boolean tryLock(Connection connection) throws SQLException {
		String function = this.transactionLevel ? "pg_try_advisory_xact_lock" : "pg_try_advisory_lock";
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
			statement.setLong(1, this.key);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	/** Who holds the key, as the server sees it; a holder in another database of the server cannot. */
	private Optional<LockHolder> holderSeenFrom(Connection connection) throws SQLException {
		return seenFrom(connection).map(Seen::holder);
	}

	/**
	 * The holder and its heartbeat: the time its lock connection last ran a statement, which a
	 * transaction-level holder's keep-alive moves every third of the lease. Null for any other holder,
	 * whose connection may sit idle however alive it is.
	 */
	private Optional<Seen> seenFrom(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(HOLDER_QUERY)) {
			// pg_locks splits a bigint key into its high and low 32 bits, each an unsigned oid
			statement.setLong(1, this.key >>> 32);
			statement.setLong(2, this.key & 0xffffffffL);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return Optional.empty();
				}
				Optional<LockHolder> ours = parse(rs.getString(2));
				if (ours.isPresent()) {
					Timestamp stateChange = rs.getTimestamp(7);
					boolean keptAlive = this.transactionLevel && rs.getTimestamp(6) != null && stateChange != null;
					return Optional.of(new Seen(ours.get(), keptAlive ? stateChange.toInstant() : null));
				}
				String client = (rs.getString(4) != null) ? rs.getString(4)
						: (rs.getString(3) != null) ? rs.getString(3) : "a local socket";
				Timestamp since = (rs.getTimestamp(6) != null) ? rs.getTimestamp(6) : rs.getTimestamp(5);
				long backend = rs.getLong(1);
				return Optional.of(new Seen(new LockHolder(client + " (PostgreSQL server process " + backend + ")", backend,
						"backend-" + backend, (since != null) ? since.toInstant() : Instant.EPOCH), null));
			}
		}
	}

	/**
	 * This holder as its {@code application_name} carries it: the host is cut to fit 63 bytes, and
	 * the lease reports the identity waiters will read, so both name the same holder.
	 */
	private static LockHolder identity(LockHolder fresh) {
		String owner = fresh.ownerId().replace("-", "").substring(0, 12);
		LockHolder shortened = new LockHolder(fresh.host(), fresh.pid(), owner, fresh.since());
		return parse(applicationName(shortened)).orElseThrow();
	}

	static String applicationName(LockHolder holder) {
		String prefix = TAG + holder.pid() + ";" + holder.ownerId() + ";" + holder.since().toEpochMilli() + ";";
		StringBuilder name = new StringBuilder(prefix);
		int bytes = prefix.length();
		for (int i = 0; i < holder.host().length(); i++) {
			char c = holder.host().charAt(i);
			// ASCII only: PostgreSQL replaces other characters in an application_name with '?'
			if (c < 0x20 || c > 0x7e || bytes + 1 > MAX_NAME_BYTES) {
				break;
			}
			name.append(c);
			bytes++;
		}
		return name.toString();
	}

	static Optional<LockHolder> parse(String applicationName) {
		if (applicationName == null || !applicationName.startsWith(TAG)) {
			return Optional.empty();
		}
		String[] parts = applicationName.substring(TAG.length()).split(";", 4);
		if (parts.length < 4) {
			return Optional.empty();
		}
		try {
			return Optional.of(new LockHolder(parts[3].isEmpty() ? "unknown" : parts[3], Long.parseLong(parts[0]),
					parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2]))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static String setting(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
			statement.setString(1, name);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	private static void setConfig(Connection connection, String name, String value, boolean local)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, ?)")) {
			statement.setString(1, name);
			statement.setString(2, value);
			statement.setBoolean(3, local);
			statement.executeQuery().close();
		}
	}

	private static void closeAfterFailure(Connection connection, Throwable primary) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			primary.addSuppressed(ex);
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			primary.addSuppressed(ex);
		}
	}

	/** A holder as a waiter sees it, with its heartbeat, or null when it has none to watch. */
	private record Seen(LockHolder holder, Instant heartbeat) {
	}

	@Override
	public String toString() {
		return (this.transactionLevel ? "transaction" : "session") + "-level advisory lock " + this.key + " on "
				+ this.description;
	}

	private static final class Lease implements LockLease {

		private final PostgresAdvisoryLock lock;

		private final Connection connection;

		private final LockHolder holder;

		private final String originalName;

		private final Heartbeat keepAlive;

		private final HeldCheck held;

		private final AtomicBoolean released = new AtomicBoolean();

		Lease(PostgresAdvisoryLock lock, Connection connection, LockHolder holder, String originalName) {
			this.lock = lock;
			this.connection = connection;
			this.holder = holder;
			this.originalName = originalName;
			// confirmed on the connection every time: the lock ends with its connection, which a proxy, a server
			// restart or an administrator may cut at any moment, and then is free to another runner at once
			this.held = new HeldCheck(lock.description, Duration.ZERO, lock.transactionLevel
					? "If this process paused for longer than migrator.lock.lease (now " + LockWait.format(lock.lease)
							+ ": the server ends the lock's transaction after it), raise it."
					: null);
			this.keepAlive = lock.transactionLevel
					? Heartbeat.every(lock.lease.dividedBy(3), "migrator-lock-keepalive", this::keepAlive) : null;
		}

		/** Also finds out early when the lock was lost with its connection, and says so. */
		private boolean keepAlive() {
			synchronized (this.connection) {
				if (this.released.get()) {
					return false;
				}
				long sent = System.nanoTime();
				try {
					holdWithoutSnapshot(this.connection, this.lock.lease);
					this.held.confirmed(sent);
					return true;
				}
				catch (SQLException ex) {
					this.held.lost("its connection failed (" + ex.getMessage() + ")");
					logger.error("Lost the migration lock on {}: its connection failed ({}). This run stops before its"
							+ " next commit, since another runner may be migrating; check the database's connections and the log.",
							this.lock.description, ex.getMessage());
					return false;
				}
			}
		}

		@Override
		public LockHolder holder() {
			return this.holder;
		}

		@Override
		public Optional<LockHolder> tookOverFrom() {
			// a dead holder's lock died with its connection: there is nothing left to take over
			return Optional.empty();
		}

		/**
		 * A statement on the lock's connection: the lock lives as long as that connection (session level) or
		 * its transaction (transaction level, which the server ends after a lease without a keep-alive).
		 */
		@Override
		public void ensureHeld(String before) {
			this.held.ensureHeld(before, () -> {
				synchronized (this.connection) {
					if (this.lock.transactionLevel) {
						holdWithoutSnapshot(this.connection, this.lock.lease);
					}
					else {
						try (Statement statement = this.connection.createStatement()) {
							statement.execute("SELECT 1");
						}
					}
					return true;
				}
			});
		}

		@Override
		public void close() {
			if (!this.released.compareAndSet(false, true)) {
				return;
			}
			if (this.keepAlive != null) {
				this.keepAlive.stop();
			}
			synchronized (this.connection) {
				try {
					if (this.lock.transactionLevel) {
						// ends the transaction and with it the lock and the SET LOCAL settings
						this.connection.rollback();
						this.connection.setAutoCommit(true);
					}
					else {
						try (PreparedStatement statement = this.connection
							.prepareStatement("SELECT pg_advisory_unlock(?)")) {
							statement.setLong(1, this.lock.key);
							statement.executeQuery().close();
						}
						setConfig(this.connection, "application_name", this.originalName, false);
					}
				}
				catch (SQLException ex) {
					logger.warn("Could not release the migration lock on {} cleanly ({}); closing its connection releases it",
							this.lock.description, ex.getMessage());
				}
				finally {
					try {
						this.connection.close();
					}
					catch (SQLException ex) {
						logger.warn("Could not close the connection of the migration lock on {}: {}", this.lock.description,
								ex.getMessage());
					}
				}
			}
		}

	}

}
