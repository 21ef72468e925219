package dev.migrator.core.internal.command;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The connection a Java migration gets: the engine's own, with the calls that would end the
 * migration's transaction refused. A migration that committed on its own would split itself from
 * its history row: what it did before the commit would stay, though a later failure marks the
 * migration failed and says nothing of it was applied. Refusing the call fails the migration
 * instead, and its whole transaction rolls back.
 * <p>
 * A JDK dynamic proxy rather than a hand-written delegate: {@link Connection} has some fifty
 * methods, and only a few are of interest here. Outside a transaction (auto-commit mode) only
 * {@code close()} and {@code abort()} are refused: the engine still needs its connection. The
 * statements it makes answer {@code getConnection()} with this guarded connection too. What no
 * guard sees (a raw {@code COMMIT} run as SQL, the driver's connection got by {@code unwrap}) the
 * engine's check that its transaction is still open finds before the commit.
 */
final class MigrationConnection implements InvocationHandler {

	private final Connection connection;

	private final String migration;

	private MigrationConnection(Connection connection, String migration) {
		this.connection = connection;
		this.migration = migration;
	}

	/** The connection to hand to {@code migration}, a class name for the messages. */
	static Connection of(Connection connection, String migration) {
		return (Connection) Proxy.newProxyInstance(MigrationConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new MigrationConnection(connection, migration));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		String refused = refused(method, args);
		if (refused != null) {
			String advice = refused.equals("close()") ? "the connection is the engine's: do not close it, nor put it in "
					+ "try-with-resources (close the statements and result sets you open)"
					: "remove the call (the engine commits when the migration returns, and rolls back when it throws)";
			throw new SQLException(this.migration + " called " + refused + " on the migration's connection, which "
					+ "would end the transaction the engine commits together with the history row; " + advice);
		}
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "migration connection of " + this.migration + " on " + this.connection;
			default:
				Object result;
				try {
					result = method.invoke(this.connection, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getCause();
				}
				return pointingBack(method.getReturnType(), result, (Connection) proxy);
		}
	}

	/**
	 * A statement or metadata object whose {@code getConnection()} answers the guarded connection:
	 * the driver's own would let {@code statement.getConnection().commit()} past the guard.
	 */
	private static Object pointingBack(Class<?> type, Object result, Connection guarded) {
		if (result == null || !(Statement.class.isAssignableFrom(type) || type == DatabaseMetaData.class)) {
			return result;
		}
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
				return guarded;
			}
			try {
				return method.invoke(result, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return Proxy.newProxyInstance(MigrationConnection.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	/** How the call reads in a message, if it must be refused; otherwise null. */
	private String refused(Method method, Object[] args) throws SQLException {
		int arguments = (args != null) ? args.length : 0;
		String name = method.getName();
		if (name.equals("close") || name.equals("abort")) {
			return name + "()";
		}
		boolean ends = ((name.equals("commit") || name.equals("rollback")) && arguments == 0)
				|| (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]));
		if (!ends || this.connection.getAutoCommit()) {
			return null;
		}
		return name.equals("setAutoCommit") ? "setAutoCommit(true)" : name + "()";
	}

}
