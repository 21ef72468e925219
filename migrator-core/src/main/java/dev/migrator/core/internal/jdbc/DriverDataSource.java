package dev.migrator.core.internal.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A DataSource over {@link DriverManager} for {@code Migrator.configure().url(...)}: one new
 * connection per command is all the engine needs, so no pool. {@link #toString()} never shows
 * the password.
 */
public final class DriverDataSource implements DataSource {

	/** The busy timeout of the engine's own SQLite connections, unless the URL sets one. */
	public static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

	private final String url;

	private final String user;

	private final String password;

	public DriverDataSource(String url, String user, String password) {
		this.url = url;
		this.user = user;
		this.password = password;
	}

	/** The JDBC URL as given, password and all: for the engine's own use, never for messages. */
	String url() {
		return this.url;
	}

	/**
	 * The password, for a client tool that must log in on its own (pg_dump gets it in its
	 * environment); never for messages or logs.
	 */
	public String password() {
		return this.password;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return getConnection(this.user, this.password);
	}

	@Override
	public Connection getConnection(String username, String pass) throws SQLException {
		Properties properties = new Properties();
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (pass != null) {
			properties.setProperty("password", pass);
		}
		if (this.url.regionMatches(true, 0, "jdbc:sqlite:", 0, 12) && !this.url.contains("busy_timeout")) {
			// sqlite-jdbc waits 3 s for another connection's lock; an application's write, or a backup's
			// read, may take longer, and the engine's own connection is never an application request
			properties.setProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MILLIS));
		}
		try {
			return DriverManager.getConnection(this.url, properties);
		}
		catch (SQLException ex) {
			// Drivers rarely say which database they failed on (SQLite: "unable to open database file"),
			// and with several databases configured the URL is what the operator must check. DriverManager
			// and some drivers quote the URL, which may hold the password: the whole chain is masked.
			SQLException masked = Secrets.mask(ex, pass);
			throw new SQLException(maskPassword(this.url) + ": " + masked.getMessage(), ex.getSQLState(), ex.getErrorCode(),
					masked);
		}
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper for " + type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return "DriverDataSource[" + maskPassword(this.url) + ", user=" + this.user + "]";
	}

	/** The URL with any password parameter or {@code user:secret@} part blanked, for messages and logs. */
	public static String maskPassword(String url) {
		return Secrets.mask(url, null);
	}

}
