package dev.migrator.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;


/**
 * Connections to a real database (by JDBC URL) that fail one chosen JDBC call, as a full disk, a
 * dropped network or a server that ended the session would: {@link #failOn} names the method (of
 * the connection, its statements or its metadata) and, optionally, a part of the SQL it runs, and
 * how many matching calls go through first. Every other call reaches the real database unchanged.
 */
public final class FailingDataSource extends PlainDataSource {

	/** The message of every injected failure, so a test can find it in what the operator is told. */
	public static final String MESSAGE = "injected failure: disk I/O error";

	private final String url;

	private String method;

	private String sqlPart;

	private int passing;

	private int failures;

	public FailingDataSource(String url) {
		this.url = url;
	}

	/**
	 * Fails calls of {@code method} whose SQL contains {@code sqlPart} (any SQL where null, case
	 * ignored), after {@code passing} such calls went through; every one after fails too.
	 */
	public synchronized FailingDataSource failOn(String method, String sqlPart, int passing) {
		this.method = method;
		this.sqlPart = (sqlPart != null) ? sqlPart.toLowerCase(Locale.ROOT) : null;
		this.passing = passing;
		this.failures = 0;
		return this;
	}

	public FailingDataSource failOn(String method, String sqlPart) {
		return failOn(method, sqlPart, 0);
	}

	/** Lets every call through again. */
	public synchronized FailingDataSource heal() {
		this.method = null;
		return this;
	}

	/** How many calls failed since the last {@link #failOn}. */
	public synchronized int failures() {
		return this.failures;
	}

	private synchronized void check(String name, String sql) throws SQLException {
		if (this.method == null || !this.method.equals(name)) {
			return;
		}
		if (this.sqlPart != null && (sql == null || !sql.toLowerCase(Locale.ROOT).contains(this.sqlPart))) {
			return;
		}
		if (this.passing > 0) {
			this.passing--;
			return;
		}
		this.failures++;
		throw new SQLException(MESSAGE);
	}

	@Override
	public Connection getConnection() throws SQLException {
		check("getConnection", null);
		Connection real = DriverManager.getConnection(this.url);
		Connection[] self = new Connection[1];
		self[0] = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, m, args) -> {
					String sql = (args != null && args.length > 0 && args[0] instanceof String s) ? s : null;
					check(m.getName(), sql);
					Object result = invoke(m, real, args);
					return wrap(result, m.getReturnType(), self[0], sql);
				});
		return self[0];
	}

	private Object wrap(Object result, Class<?> type, Connection connection, String sql) {
		if (result == null) {
			return null;
		}
		Class<?> face = (type == CallableStatement.class) ? CallableStatement.class
				: (type == PreparedStatement.class) ? PreparedStatement.class : (type == Statement.class) ? Statement.class
						: (type == DatabaseMetaData.class) ? DatabaseMetaData.class : null;
		if (face == null) {
			return result;
		}
		return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { face }, (proxy, m, args) -> {
			if (m.getName().equals("getConnection") && m.getParameterCount() == 0) {
				return connection;
			}
			String own = (args != null && args.length > 0 && args[0] instanceof String s) ? s : sql;
			check(m.getName(), own);
			return invoke(m, result, args);
		});
	}

	private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
		try {
			return m.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
