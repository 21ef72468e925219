package dev.migrator.core.testing;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Lends one real connection again and again, its {@code close()} doing nothing, as a pool of one
 * would: so a test can see what a command leaves behind on a pooled connection. Commands that need a
 * second connection (the lock) get fresh ones from {@code others}.
 */
public final class SingleConnectionDataSource extends PlainDataSource {

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

}
