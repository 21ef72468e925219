package dev.migrator.core.testing;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Lends one real connection again and again, its {@code close()} doing nothing, as a pool of one
 * would: so a test can see what a command leaves behind on a pooled connection. Commands that need a
 * second connection (the lock) get fresh ones from {@code others}.
 */
public final class SingleConnectionDataSource implements DataSource {

	private final Connection connection;

	private final DataSource others;

	private boolean lent;

	public SingleConnectionDataSource(Connection connection, DataSource others) {
		this.connection = connection;
		this.others = others;
	}

	@Override
	public synchronized Connection getConnection() throws SQLException {
		if (this.lent) {
			return this.others.getConnection();
		}
		this.lent = true;
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					if (method.getName().equals("close")) {
						synchronized (this) {
							this.lent = false;
						}
						return null;
					}
					try {
						return method.invoke(this.connection, args);
					}
					catch (java.lang.reflect.InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
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
		throw new SQLException("not a wrapper");
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return false;
	}

}
