package dev.migrator.core.internal.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;

/**
 * The migration lock as a row in a lock table, for databases or setups without a lock that dies
 * with its holder. The holder's row carries its identity and a heartbeat, renewed every third of the
 * lease by a thread of its own on a connection of its own, so a migration running for hours never
 * lets it lapse. A holder whose heartbeat is older than the lease is dead, and the next runner takes
 * the row over, reporting whom from.
 * <p>
 * Ages are measured on the database's clock ({@code CURRENT_TIMESTAMP}), never a runner's, so hosts
 * whose clocks disagree still agree on who is dead. Every change of hands is a compare-and-set on the
 * owner and a beat counter, so of two runners taking over one dead holder only one succeeds, and a
 * holder that beat in the meantime is not taken over at all.
 * <p>
 * The SQL is plain enough for any database; the dialect gives the table's DDL.
 */
public final class LockTableMigrationLock implements MigrationLock {

	/** The table's columns after its {@code id} key, with the dialect's timestamp type for {@code {timestamp}}. */
	public static final String COLUMNS_DDL = "owner_id VARCHAR(64) NOT NULL, host VARCHAR(255) NOT NULL,"
			+ " pid BIGINT NOT NULL, acquired_at {timestamp} NOT NULL, heartbeat_at {timestamp} NOT NULL,"
			+ " heartbeats BIGINT NOT NULL";

	private static final Logger logger = LoggerFactory.getLogger(LockTableMigrationLock.class);

	private static final int ROW = 1;

	private final DataSource dataSource;

	private final String table;

	private final List<String> createTable;

	private final Duration lease;

	private final String description;

	/**
	 * @param table the lock table's name as SQL writes it (qualified where it needs to be)
	 * @param createTable statements creating the table (and its schema) where missing
	 * @param lease how long a holder's heartbeat stays good
	 * @param description the database as messages name it
	 */
	public LockTableMigrationLock(DataSource dataSource, String table, List<String> createTable, Duration lease,
			String description) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.table = Objects.requireNonNull(table, "table");
		this.createTable = List.copyOf(createTable);
		this.lease = Objects.requireNonNull(lease, "lease");
		this.description = Objects.requireNonNull(description, "description");
	}

	@Override
	public LockLease acquire(Duration waitTimeout) {
		return acquire(new LockWait(this.description, waitTimeout));
	}

	/** Past the timeout, waits on (up to the max wait) while the holder's heartbeat count moves. */
	@Override
	public LockLease acquire(Configuration.Lock settings) {
		return acquire(new LockWait(this.description, settings.waitTimeout(), settings.maxWait(), this.lease));
	}

	private LockLease acquire(LockWait wait) {
		Connection connection = connect();
		LockHolder holder = null;
		try {
			createTable(connection);
			LockHolder self = LockHolder.thisProcessNow();
			Row watched = null;
			long watchedSince = 0;
			while (true) {
				Row row = read(connection);
				if (row == null) {
					if (insert(connection, self)) {
						return wait.acquired(new Lease(this, connection, self, Optional.empty()));
					}
					continue;
				}
				holder = row.holder();
				if (watched == null || !row.sameBeat(watched)) {
					watched = row;
					watchedSince = System.nanoTime();
				}
				boolean stoodStill = System.nanoTime() - watchedSince > this.lease.toNanos();
				if ((row.dead(this.lease) || stoodStill) && takeOver(connection, row, self)) {
					if (row.dead(this.lease)) {
						logger.warn("Took over the migration lock on {} from {}, whose heartbeat stopped {} ago (lease {})",
								this.description, holder.describe(), LockWait.format(row.age()), LockWait.format(this.lease));
					}
					else {
						logger.warn("Took over the migration lock on {} from {}, whose heartbeat did not move for a lease"
								+ " ({}) while this runner waited, though its row says it beat at {} (database time);"
								+ " no live holder writes that", this.description, holder.describe(),
								LockWait.format(this.lease), row.heartbeatAt());
					}
					return wait.acquired(new Lease(this, connection, self, Optional.of(holder)));
				}
				wait.stillHeldBy(holder, holder.ownerId() + "#" + row.heartbeats());
			}
		}
		catch (InterruptedException ex) {
			closeQuietly(connection, ex);
			Thread.currentThread().interrupt();
			throw wait.interrupted(holder, ex);
		}
		catch (SQLException ex) {
			closeQuietly(connection, ex);
			throw new MigratorException("Could not use the lock table " + this.table + " of " + this.description + ": "
					+ ex.getMessage() + "; check that this user may create and write that table, then run again", ex);
		}
		catch (RuntimeException | Error ex) {
			closeQuietly(connection, ex);
			throw ex;
		}
	}

	/** The live holder; empty when the row is free, or its holder dead (the next runner takes it at once). */
	@Override
	public Optional<LockHolder> holder() {
		try (Connection connection = connect()) {
			Row row;
			try {
				row = read(connection);
			}
			catch (SQLException ex) {
				// no lock table yet: nobody ever held the lock, and a look must not create it
				return Optional.empty();
			}
			return (row == null || row.dead(this.lease)) ? Optional.empty() : Optional.of(row.holder());
		}
		catch (SQLException ex) {
			throw new MigratorException("Could not read the lock table " + this.table + " of " + this.description + ": "
					+ ex.getMessage(), ex);
		}
	}

	private Connection connect() {
		try {
			Connection connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			return connection;
		}
		catch (SQLException ex) {
			throw new MigratorException("Could not open a connection for the migration lock on " + this.description + ": "
					+ ex.getMessage() + "; the lock needs one connection besides the migration's own (raise the pool"
					+ " size if it is 1)", ex);
		}
	}

	/** Runners starting together may race to create it; whoever loses finds it there and goes on. */
	private void createTable(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String ddl : this.createTable) {
				try {
					statement.execute(ddl);
				}
				catch (SQLException ex) {
					if (!exists(connection)) {
						throw ex;
					}
				}
			}
		}
	}

	private boolean exists(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT id FROM " + this.table + " WHERE 1 = 0").close();
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private Row read(Connection connection) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT owner_id, host, pid, acquired_at,"
				+ " heartbeat_at, heartbeats, CURRENT_TIMESTAMP FROM " + this.table + " WHERE id = ?")) {
			select.setInt(1, ROW);
			try (ResultSet rs = select.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				LockHolder holder = new LockHolder(rs.getString(2), rs.getLong(3), rs.getString(1),
						rs.getTimestamp(4).toInstant());
				Instant heartbeatAt = rs.getTimestamp(5).toInstant();
				Duration age = Duration.between(heartbeatAt, rs.getTimestamp(7).toInstant());
				return new Row(holder, age, rs.getLong(6), heartbeatAt);
			}
		}
	}

	/** False when another runner inserted first (it may have released again since: the caller looks anew). */
	private boolean insert(Connection connection, LockHolder self) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.table
				+ " (id, owner_id, host, pid, acquired_at, heartbeat_at, heartbeats)"
				+ " VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, 0)")) {
			insert.setInt(1, ROW);
			bindIdentity(insert, 2, self);
			insert.executeUpdate();
			return true;
		}
		catch (SQLException ex) {
			// SQLSTATE class 23, integrity constraint violation: the key is taken
			if (ex.getSQLState() != null && ex.getSQLState().startsWith("23")) {
				return false;
			}
			throw ex;
		}
	}

	private boolean takeOver(Connection connection, Row dead, LockHolder self) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("UPDATE " + this.table
				+ " SET owner_id = ?, host = ?, pid = ?, acquired_at = ?, heartbeat_at = CURRENT_TIMESTAMP, heartbeats = 0"
				+ " WHERE id = ? AND owner_id = ? AND heartbeats = ?")) {
			bindIdentity(update, 1, self);
			update.setInt(5, ROW);
			update.setString(6, dead.holder().ownerId());
			update.setLong(7, dead.heartbeats());
			return update.executeUpdate() == 1;
		}
	}

	/** The time the holder took it is the holder's own, so what waiters read equals what the lease says. */
	private static void bindIdentity(PreparedStatement statement, int first, LockHolder self) throws SQLException {
		statement.setString(first, self.ownerId());
		statement.setString(first + 1, self.host().length() > 255 ? self.host().substring(0, 255) : self.host());
		statement.setLong(first + 2, self.pid());
		statement.setTimestamp(first + 3, Timestamp.from(self.since()));
	}

	private static void closeQuietly(Connection connection, Throwable primary) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			primary.addSuppressed(ex);
		}
	}

	@Override
	public String toString() {
		return "lock table " + this.table + " on " + this.description;
	}

	/**
	 * @param age how long ago the holder last beat, on the database's clock
	 * @param heartbeats the holder's beat counter, for the compare-and-set of a takeover
	 * @param heartbeatAt the holder's last beat, on the database's clock
	 */
	private record Row(LockHolder holder, Duration age, long heartbeats, Instant heartbeatAt) {

		boolean dead(Duration lease) {
			return this.age.compareTo(lease) > 0;
		}

		/**
		 * Whether the row is the same holder at the same beat. A live holder beats every third of the
		 * lease, so a row that stays the same for a whole lease of waiting has no live holder, whatever
		 * its timestamps say: a heartbeat in the future (a row written by hand, a clock set back)
		 * would otherwise keep it "alive" until that time comes.
		 */
		boolean sameBeat(Row other) {
			return this.heartbeats == other.heartbeats && this.holder.ownerId().equals(other.holder.ownerId());
		}

	}

	private static final class Lease implements LockLease {

		private final LockTableMigrationLock lock;

		private final Connection connection;

		private final LockHolder holder;

		private final Optional<LockHolder> tookOverFrom;

		private final Heartbeat heartbeat;

		private final AtomicBoolean released = new AtomicBoolean();

		private final HeldCheck held;

		Lease(LockTableMigrationLock lock, Connection connection, LockHolder holder, Optional<LockHolder> tookOverFrom) {
			this.lock = lock;
			this.connection = connection;
			this.holder = holder;
			this.tookOverFrom = tookOverFrom;
			this.held = new HeldCheck(lock.description, lock.lease.dividedBy(3), "Raise migrator.lock.lease (now "
					+ LockWait.format(lock.lease) + ") if this process can pause for that long (GC, a suspended VM, an"
					+ " overloaded machine).");
			this.heartbeat = Heartbeat.every(lock.lease.dividedBy(3), "migrator-lock-heartbeat", this::beat);
		}

		/** Beats now, as the heartbeat does: whether this holder's row is still its own. */
		private boolean beatNow() throws SQLException {
			synchronized (this.connection) {
				try (PreparedStatement update = this.connection.prepareStatement("UPDATE " + this.lock.table
						+ " SET heartbeat_at = CURRENT_TIMESTAMP, heartbeats = heartbeats + 1 WHERE id = ? AND owner_id = ?")) {
					update.setInt(1, ROW);
					update.setString(2, this.holder.ownerId());
					return update.executeUpdate() == 1;
				}
			}
		}

		private boolean beat() {
			synchronized (this.connection) {
				if (this.released.get()) {
					return false;
				}
				long sent = System.nanoTime();
				try {
					if (beatNow()) {
						this.held.confirmed(sent);
						return true;
					}
					this.held.lost("another runner took it over, this one's heartbeat having stopped for longer than the"
							+ " lease");
					logger.error("Lost the migration lock on {}: another runner took it over, so this one's heartbeat"
							+ " had stopped for longer than the lease ({}); this run stops before its next commit. Raise"
							+ " migrator.lock.lease if this process pauses for long (GC, a suspended VM).",
							this.lock.description, LockWait.format(this.lock.lease));
					return false;
				}
				catch (SQLException ex) {
					// a passing network error: the next beat tries again, well within the lease
					logger.warn("Heartbeat of the migration lock on {} failed: {}", this.lock.description, ex.getMessage());
					return true;
				}
			}
		}

		@Override
		public LockHolder holder() {
			return this.holder;
		}

		@Override
		public Optional<LockHolder> tookOverFrom() {
			return this.tookOverFrom;
		}

		@Override
		public void ensureHeld(String before) {
			this.held.ensureHeld(before, this::beatNow);
		}

		@Override
		public void close() {
			if (!this.released.compareAndSet(false, true)) {
				return;
			}
			this.heartbeat.stop();
			synchronized (this.connection) {
				// only this holder's row: a stale lease never frees the lock of the holder after it
				try (PreparedStatement delete = this.connection
					.prepareStatement("DELETE FROM " + this.lock.table + " WHERE id = ? AND owner_id = ?")) {
					delete.setInt(1, ROW);
					delete.setString(2, this.holder.ownerId());
					delete.executeUpdate();
				}
				catch (SQLException ex) {
					logger.warn("Could not release the migration lock on {} ({}); the next runner takes it over after the"
							+ " lease ({})", this.lock.description, ex.getMessage(), LockWait.format(this.lock.lease));
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
