package dev.migrator.core.internal.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.dialect.SessionState;

/**
 * The connection's session as it was lent to a command, and the work of handing it back so: the
 * dialect's part (what SQL can change: settings, role, current database, temporary tables, …) and
 * JDBC's (what a Java migration can change through {@link Connection}'s setters).
 * <p>
 * Why put things back rather than close the connection: through a {@link javax.sql.DataSource},
 * {@code close()} returns a pooled connection to its pool, which hands it out again as it is; there
 * is no standard way to ask a pool to evict it (HikariCP's {@code evictConnection} is its own API,
 * and the connection may come from any pool, or from a pooler such as PgBouncer further on). What
 * cannot be put back is logged at WARN, naming it, so nobody meets a changed connection unwarned.
 * <p>
 * The current catalog and schema are the dialect's to put back, not JDBC's: PostgreSQL's
 * {@code setSchema} would replace a whole search_path with one schema.
 */
final class LentSessionState {

	private static final Logger logger = LoggerFactory.getLogger(LentSessionState.class);

	private final SessionState session;

	private final Boolean readOnly;

	private final Integer isolation;

	private final Integer holdability;

	private final Integer networkTimeout;

	private final Properties clientInfo;

	private LentSessionState(SessionState session, Boolean readOnly, Integer isolation, Integer holdability,
			Integer networkTimeout, Properties clientInfo) {
		this.session = session;
		this.readOnly = readOnly;
		this.isolation = isolation;
		this.holdability = holdability;
		this.networkTimeout = networkTimeout;
		this.clientInfo = clientInfo;
	}

	/** Reads the state of a connection just lent, before anything runs on it. */
	static LentSessionState of(Connection connection, Dialect dialect) throws SQLException {
		return new LentSessionState(dialect.sessionState(connection), read(connection::isReadOnly),
				read(connection::getTransactionIsolation), read(connection::getHoldability),
				read(connection::getNetworkTimeout), read(connection::getClientInfo));
	}

	/**
	 * Puts back what changed. Inside a transaction only the dialect's part, and quietly: it is there
	 * so the engine's own statements after a migration (its history row) run as the session began,
	 * and what fails here is tried again, and reported, once the transaction has ended.
	 * @param after what ran, for the log: "migration 002_x.sql"
	 */
	void restore(Connection connection, String after) {
		List<String> failed = new ArrayList<>();
		boolean inTransaction;
		try {
			inTransaction = !connection.getAutoCommit();
			failed.addAll(this.session.restore(connection, inTransaction));
		}
		catch (SQLException | RuntimeException ex) {
			inTransaction = false;
			failed.add("the session's state (it could not be read: " + ex.getMessage() + ")");
		}
		if (inTransaction) {
			return;
		}
		if (this.readOnly != null) {
			put(failed, "read-only (Connection.setReadOnly)", connection::isReadOnly, this.readOnly,
					() -> connection.setReadOnly(this.readOnly));
		}
		if (this.isolation != null) {
			put(failed, "transaction isolation (Connection.setTransactionIsolation)", connection::getTransactionIsolation,
					this.isolation, () -> connection.setTransactionIsolation(this.isolation));
		}
		if (this.holdability != null) {
			put(failed, "holdability (Connection.setHoldability)", connection::getHoldability, this.holdability,
					() -> connection.setHoldability(this.holdability));
		}
		if (this.networkTimeout != null) {
			// the executor is only used to abort a connection on timeout, never called here
			put(failed, "network timeout (Connection.setNetworkTimeout)", connection::getNetworkTimeout,
					this.networkTimeout, () -> connection.setNetworkTimeout(Runnable::run, this.networkTimeout));
		}
		if (this.clientInfo != null) {
			put(failed, "client info (Connection.setClientInfo)", connection::getClientInfo, this.clientInfo,
					() -> connection.setClientInfo(this.clientInfo));
		}
		for (String what : failed) {
			logger.warn("After {}, the connection's {} could not be put back as it was when Migrator took it; it goes"
					+ " back to the application's pool changed. Change the migration so it leaves the session as it"
					+ " found it (SET LOCAL, or set it back at its end), or restart the application's connections.",
					after, what);
		}
	}

	private interface Getter<T> {

		T get() throws SQLException;

	}

	private interface Setter {

		void set() throws SQLException;

	}

	private static <T> T read(Getter<T> getter) {
		try {
			return getter.get();
		}
		catch (SQLException | RuntimeException | AbstractMethodError ex) {
			// a driver that cannot say: nothing to compare against, so nothing to put back
			return null;
		}
	}

	private static <T> void put(List<String> failed, String what, Getter<T> getter, T before, Setter setter) {
		T now = read(getter);
		if (now == null || Objects.equals(now, before)) {
			return;
		}
		try {
			setter.set();
		}
		catch (SQLException | RuntimeException ex) {
			failed.add(what + " (" + ex.getMessage() + ")");
		}
	}

}
