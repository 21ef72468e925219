package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;
import org.mariadb.jdbc.client.Client;
import org.mariadb.jdbc.client.Context;
import org.mariadb.jdbc.client.ServerVersion;
import org.mariadb.jdbc.client.util.ClosableLock;
import org.mariadb.jdbc.export.ExceptionFactory;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Session;
import com.mysql.cj.conf.HostInfo;

/**
 * The login read from a connection, without a server: connections that answer the two queries as a
 * server would, behind a pool-like wrapper, with each driver's view of where it connected (or none).
 */
class MysqlLoginTest {

	/** Answers every call with {@code answers} by method name, or the return type's default. */
	@SuppressWarnings("unchecked")
	private static <T> T fake(Class<T> type, Map<String, Object> answers, Class<?>... more) {
		Class<?>[] types = new Class<?>[more.length + 1];
		types[0] = type;
		System.arraycopy(more, 0, types, 1, more.length);
		InvocationHandler handler = (proxy, method, args) -> {
			if (answers.containsKey(method.getName())) {
				Object answer = answers.get(method.getName());
				if (answer instanceof Answer computed) {
					return computed.answer(args);
				}
				return answer;
			}
			if (method.getName().equals("toString")) {
				return type.getSimpleName();
			}
			Class<?> returned = method.getReturnType();
			if (returned == boolean.class) {
				return false;
			}
			if (returned == int.class || returned == long.class) {
				return (returned == int.class) ? (Object) 0 : (Object) 0L;
			}
			return null;
		};
		return (T) Proxy.newProxyInstance(MysqlLoginTest.class.getClassLoader(), types, handler);
	}

	@FunctionalInterface
	private interface Answer {

		Object answer(Object[] args) throws Throwable;

	}

	/** One row of strings, or no row when {@code row} is null. */
	private static ResultSet rows(String... row) {
		boolean[] read = { false };
		return fake(ResultSet.class, Map.of("next", (Answer) (args) -> {
			boolean has = row != null && !read[0];
			read[0] = true;
			return has;
		}, "getString", (Answer) (args) -> row[(Integer) args[0] - 1]));
	}

	/**
	 * A connection on database shop as app, whose cipher row is {@code sslRow} (null: no row), whose
	 * URL is {@code url}, and that unwraps to {@code driverConnection} (null: to nothing).
	 */
	private static Connection connection(String url, String[] sslRow, Object driverConnection) {
		Statement statement = fake(Statement.class, Map.of("executeQuery", (Answer) (args) -> {
			String sql = (String) args[0];
			return sql.startsWith("SELECT DATABASE()") ? rows("shop", "app") : rows(sslRow);
		}));
		DatabaseMetaData metaData = fake(DatabaseMetaData.class, (url != null) ? Map.of("getURL", url) : Map.of());
		return fake(Connection.class, Map.of("createStatement", statement, "getMetaData", metaData, "isWrapperFor",
				(Answer) (args) -> ((Class<?>) args[0]).isInstance(driverConnection), "unwrap",
				(Answer) (args) -> driverConnection));
	}

	private static Connection connection(String url) {
		return connection(url, null, null);
	}

	@Test
	void anotherDriversLoginIsTheFirstAddressOfItsUrlAndNoPassword() throws SQLException {
		MysqlLogin login = MysqlLogin.of(connection("jdbc:mariadb:replication://app:s3cret@h1.example:3310,h2.example:3311/shop"));

		assertThat(login).isEqualTo(new MysqlLogin("h1.example", 3310, "app", null, "shop", false));
		assertThat(login.toString()).isEqualTo("app@h1.example:3310/shop (no password from the connection)")
			.doesNotContain("s3cret");
	}

	@Test
	void aUrlWithoutAPortMeansTheDefaultPort() throws SQLException {
		assertThat(MysqlLogin.of(connection("jdbc:mysql://db.example/shop?sslMode=DISABLED")))
			.isEqualTo(new MysqlLogin("db.example", 3306, "app", null, "shop", false));
		assertThat(MysqlLogin.of(connection("JDBC:MySQL://[fd00::7]/shop")).host()).isEqualTo("fd00::7");
		assertThat(MysqlLogin.of(connection("jdbc:mysql://[::1]:3309/shop")))
			.isEqualTo(new MysqlLogin("::1", 3309, "app", null, "shop", false));
		assertThat(MysqlLogin.of(connection("jdbc:mysql://db.example:0/shop")).port()).isEqualTo(3306);
	}

	@Test
	void aUrlWithoutAnAddressMeansTheLocalServerOnTheDefaultPort() throws SQLException {
		for (String url : new String[] { "jdbc:mysql:///shop", null }) {
			assertThat(MysqlLogin.of(connection(url))).as(url)
				.isEqualTo(new MysqlLogin("localhost", 3306, "app", null, "shop", false));
		}
	}

	@Test
	void theToolsUseTlsOnlyWhenTheConnectionHasACipher() throws SQLException {
		String url = "jdbc:mysql://db.example/shop";
		assertThat(MysqlLogin.of(connection(url, new String[] { "Ssl_cipher", "TLS_AES_256_GCM_SHA384" }, null)).tls())
			.isTrue();
		assertThat(MysqlLogin.of(connection(url, new String[] { "Ssl_cipher", "" }, null)).tls()).isFalse();
		assertThat(MysqlLogin.of(connection(url, new String[] { "Ssl_cipher", " " }, null)).tls()).isFalse();
		assertThat(MysqlLogin.of(connection(url, new String[] { "Ssl_cipher", null }, null)).tls()).isFalse();
		assertThat(MysqlLogin.of(connection(url, null, null)).tls()).isFalse();
	}

	@Test
	void aConnectionThatCannotSayWhatItWrapsIsReadFromItsUrl() throws SQLException {
		Connection inner = connection("jdbc:mysql://db.example:3307/shop");
		Connection closedPool = fake(Connection.class, Map.of("createStatement", (Answer) (args) -> inner.createStatement(),
				"getMetaData", (Answer) (args) -> inner.getMetaData(), "isWrapperFor", (Answer) (args) -> {
					throw new SQLException("Connection is closed");
				}));

		assertThat(MysqlLogin.of(closedPool)).isEqualTo(new MysqlLogin("db.example", 3307, "app", null, "shop", false));
	}

	@Test
	void mysqlsDriverGivesTheAddressItConnectedToAndThePassword() throws SQLException {
		HostInfo host = new HostInfo(null, "10.0.0.5", 3308, "app", "pa ss");
		Session session = fake(Session.class, Map.of("getHostInfo", host));
		MysqlConnection driver = fake(MysqlConnection.class, Map.of("getSession", session));

		MysqlLogin login = MysqlLogin.of(connection("jdbc:mysql:loadbalance://10.0.0.4,10.0.0.5:3308/shop", null, driver));

		assertThat(login).isEqualTo(new MysqlLogin("10.0.0.5", 3308, "app", "pa ss", "shop", false));
		assertThat(login.toString()).isEqualTo("app@10.0.0.5:3308/shop (password from the connection)").doesNotContain("pa ss");
	}

	@Test
	void mysqlsDriverWithoutASessionOrHostFallsBackOnTheUrlWithoutAPassword() throws SQLException {
		MysqlConnection noSession = fake(MysqlConnection.class, Map.of());
		MysqlConnection noHost = fake(MysqlConnection.class, Map.of("getSession", fake(Session.class, Map.of())));

		for (MysqlConnection driver : List.of(noSession, noHost)) {
			assertThat(MysqlLogin.of(connection("jdbc:mysql://db.example:3307/shop", null, driver)))
				.isEqualTo(new MysqlLogin("db.example", 3307, "app", null, "shop", false));
		}
	}

	/** MariaDB's own connection over a client whose context holds {@code conf}. */
	private static org.mariadb.jdbc.Connection mariaDb(Configuration conf) throws SQLException {
		Configuration own = Configuration.parse("jdbc:mariadb://own.example/shop");
		ServerVersion version = fake(ServerVersion.class, Map.of("isMariaDBServer", true));
		Context context = fake(Context.class, (conf != null) ? Map.of("getVersion", version, "getConf", conf)
				: Map.of("getVersion", version));
		Client client = fake(Client.class, Map.of("getContext", context, "getExceptionFactory",
				new ExceptionFactory(own, HostAddress.from("own.example", 3306))));
		return new org.mariadb.jdbc.Connection(own, new ClosableLock(), client);
	}

	@Test
	void mariaDbsDriverGivesItsFirstAddressAndThePassword() throws SQLException {
		Configuration conf = Configuration.parse("jdbc:mariadb:sequential://10.0.0.7:3311,10.0.0.8/shop?user=app&password=s3cret");

		MysqlLogin login = MysqlLogin.of(connection("jdbc:mariadb://pooled/shop", null, mariaDb(conf)));

		assertThat(login).isEqualTo(new MysqlLogin("10.0.0.7", 3311, "app", "s3cret", "shop", false));
		assertThat(login.toString()).doesNotContain("s3cret");
	}

	@Test
	void mariaDbsDriverWithoutAnAddressFallsBackOnTheUrlButKeepsThePassword() throws SQLException {
		Configuration noAddress = new Configuration.Builder().addresses(List.of()).database("shop").password("pa ss").build();

		assertThat(MysqlLogin.of(connection("jdbc:mariadb://db.example:3312/shop", null, mariaDb(noAddress))))
			.isEqualTo(new MysqlLogin("db.example", 3312, "app", "pa ss", "shop", false));
	}

	@Test
	void mariaDbsDriverWithoutAConfigurationFallsBackOnTheUrlWithoutAPassword() throws SQLException {
		assertThat(MysqlLogin.of(connection("jdbc:mariadb://db.example:3312/shop", null, mariaDb(null))))
			.isEqualTo(new MysqlLogin("db.example", 3312, "app", null, "shop", false));
	}

}
