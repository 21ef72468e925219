package dev.migrator.core.internal.backup;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the dump tool and the client log in to the database a connection is on: host, port, user,
 * password and database. The tools run as processes of their own, so they need a login, not a
 * connection.
 * <p>
 * JDBC hides the password of an open connection. The two drivers people use keep it, with the
 * address they connected to, behind public API classes of their own: MariaDB Connector/J
 * ({@code Context.getConf().password()}) and MySQL Connector/J
 * ({@code MysqlConnection.getSession().getHostInfo()}). They are read by reflection, so the engine needs
 * neither driver to compile, and through {@link Connection#unwrap}, so pools (HikariCP and others)
 * are seen through. With another driver the password is null, and the tools fall back on what they
 * read themselves: the {@code MYSQL_PWD} environment variable or the {@code [client]} section of
 * {@code ~/.my.cnf}.
 *
 * @param host the server's host, as the connection reached it
 * @param port its TCP port
 * @param user the account the connection logged in with
 * @param password its password, or null when it cannot be read from the connection
 * @param database the connection's current database
 * @param tls whether the connection is encrypted; the tools then are too, and otherwise are told
 * not to be, since recent clients insist by default on TLS that the server may not offer
 */
record MysqlLogin(String host, int port, String user, String password, String database, boolean tls) {

	private static final int DEFAULT_PORT = 3306;

	/** {@code jdbc:mysql://h:1/db}, {@code jdbc:mariadb:replication://h1,h2/db}, {@code jdbc:mysql://[::1]:1/db}: the first address. */
	private static final Pattern URL_AUTHORITY = Pattern
		.compile("^jdbc:(?:mysql|mariadb)(?::[a-z:]+)?://(?:[^@/?]*@)?(\\[[^\\]]+\\]|[^:,/?]+)(?::(\\d+))?", Pattern.CASE_INSENSITIVE);

	/** Reads the login from an open connection; the database must be set. */
	static MysqlLogin of(Connection connection) throws SQLException {
		String database;
		String user;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT DATABASE(), SUBSTRING_INDEX(USER(), '@', 1)")) {
			rs.next();
			database = rs.getString(1);
			user = rs.getString(2);
		}
		boolean tls;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
			tls = rs.next() && rs.getString(2) != null && !rs.getString(2).isBlank();
		}
		DriverView driver = mariaDbDriver(connection).or(() -> mysqlDriver(connection)).orElse(null);
		String host = (driver != null) ? driver.host() : null;
		int port = (driver != null) ? driver.port() : -1;
		if (host == null) {
			// another driver: the first address of its URL (which is never logged: it may hold the password)
			Matcher url = URL_AUTHORITY.matcher(String.valueOf(connection.getMetaData().getURL()));
			boolean found = url.find();
			host = found ? url.group(1).replaceAll("^\\[|\\]$", "") : "localhost";
			port = (found && url.group(2) != null) ? Integer.parseInt(url.group(2)) : DEFAULT_PORT;
		}
		return new MysqlLogin(host, (port > 0) ? port : DEFAULT_PORT, user, (driver != null) ? driver.password() : null,
				database, tls);
	}

	/** Never shows the password. */
	@Override
	public String toString() {
		return this.user + "@" + this.host + ":" + this.port + "/" + this.database
				+ ((this.password != null) ? " (password from the connection)" : " (no password from the connection)");
	}

	/** What a driver says about its connection; any field may be null. */
	private record DriverView(String host, int port, String password) {
	}

	private static Optional<DriverView> mariaDbDriver(Connection connection) {
		return unwrapped(connection, "org.mariadb.jdbc.Connection").map((driverConnection) -> {
			Object context = call(driverConnection, "org.mariadb.jdbc.Connection", "getContext");
			Object conf = call(context, "org.mariadb.jdbc.client.Context", "getConf");
			// the server this connection is on: with a failover URL, not necessarily the first one listed
			Object client = call(driverConnection, "org.mariadb.jdbc.Connection", "getClient");
			Object address = (client != null) ? call(client, "org.mariadb.jdbc.client.Client", "getHostAddress") : null;
			if (address == null && conf != null) {
				List<?> addresses = (List<?>) call(conf, "org.mariadb.jdbc.Configuration", "addresses");
				address = (addresses != null && !addresses.isEmpty()) ? addresses.get(0) : null;
			}
			String host = (address != null) ? (String) field(address, "host") : null;
			Object port = (address != null) ? field(address, "port") : null;
			String password = (conf != null) ? (String) call(conf, "org.mariadb.jdbc.Configuration", "password") : null;
			return new DriverView(host, (port instanceof Integer number) ? number : -1, password);
		});
	}

	private static Optional<DriverView> mysqlDriver(Connection connection) {
		return unwrapped(connection, "com.mysql.cj.MysqlConnection").map((driverConnection) -> {
			Object session = call(driverConnection, "com.mysql.cj.MysqlConnection", "getSession");
			Object hostInfo = (session != null) ? call(session, "com.mysql.cj.Session", "getHostInfo") : null;
			if (hostInfo == null) {
				return new DriverView(null, -1, null);
			}
			Object port = call(hostInfo, "com.mysql.cj.conf.HostInfo", "getPort");
			return new DriverView((String) call(hostInfo, "com.mysql.cj.conf.HostInfo", "getHost"),
					(port instanceof Integer number) ? number : -1,
					(String) call(hostInfo, "com.mysql.cj.conf.HostInfo", "getPassword"));
		});
	}

	/** The driver's own connection behind pools and proxies, if the connection is that driver's. */
	private static Optional<Object> unwrapped(Connection connection, String driverType) {
		try {
			Class<?> type = Class.forName(driverType, false, loaderOf(connection));
			return connection.isWrapperFor(type) ? Optional.of(connection.unwrap(type)) : Optional.empty();
		}
		catch (ClassNotFoundException | SQLException | LinkageError ex) {
			return Optional.empty();
		}
	}

	private static ClassLoader loaderOf(Connection connection) {
		ClassLoader loader = connection.getClass().getClassLoader();
		return (loader != null) ? loader : Thread.currentThread().getContextClassLoader();
	}

	/**
	 * Calls a public method through the public type that declares it, never through the object's
	 * own class, which may be package-private; null when the driver is not the one expected.
	 */
	private static Object call(Object target, String declaringType, String method, Object... arguments) {
		try {
			Class<?> type = Class.forName(declaringType, false, target.getClass().getClassLoader());
			Class<?>[] parameterTypes = new Class<?>[arguments.length];
			for (int i = 0; i < arguments.length; i++) {
				parameterTypes[i] = arguments[i].getClass();
			}
			Method found = type.getMethod(method, parameterTypes);
			return found.invoke(target, arguments);
		}
		catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
			return null;
		}
	}

	private static Object field(Object target, String name) {
		try {
			Field field = target.getClass().getField(name);
			return field.get(target);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

}
