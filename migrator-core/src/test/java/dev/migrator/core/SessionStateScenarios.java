package dev.migrator.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.testing.EveryCase;
import dev.migrator.core.testing.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a migration changes on its connection's session is put back before the connection returns to
 * the application's pool, and the history stays where it was, whatever the migration did to the
 * session. Through a real HikariCP pool no larger than the engine needs, so the migration's connection
 * is the one the application borrows next; every connection of the pool is looked at, by querying
 * the settings, not by trusting the code. One subclass per engine says which settings there are.
 */
abstract class SessionStateScenarios {

	/** SQL that changes one family of session settings; {@code {archive}} is a name of the test's own. */
	record Family(String name, String sql, boolean runsInTransaction) {

		Family(String name, String sql) {
			this(name, sql, true);
		}

	}

	@TempDir
	Path dir;

	/** A database of the test's own; called once per scenario. */
	abstract void newDatabase() throws Exception;

	abstract String jdbcUrl();

	abstract String user();

	abstract String password();

	/** How many connections the engine needs at once (a server's lock has one of its own). */
	abstract int poolSize();

	abstract List<Family> families();

	/** A statement that fails on this engine. */
	String failingStatement() {
		return "INSERT INTO no_such_table VALUES (1);";
	}

	/** The session's settings as the application would see them on a connection it borrows. */
	abstract Map<String, String> observe(Connection connection) throws SQLException;

	/** Every history table of the test's database and of {@code {archive}}, as "where.table". */
	abstract List<String> historyTables() throws SQLException;

	/** The history tables where they belong. */
	abstract List<String> expectedHistoryTables();

	/** A name of the test's own (a schema or a database) for the migrations to point the session at. */
	abstract String archive();

	/** What a Java migration does to its connection through JDBC's setters, on this engine. */
	abstract void changeThroughJdbc(Connection connection) throws SQLException;

	/** The JDBC-level state of a connection, as its getters read it. */
	Map<String, String> observeJdbc(Connection connection) throws SQLException {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("readOnly", String.valueOf(connection.isReadOnly()));
		state.put("isolation", String.valueOf(connection.getTransactionIsolation()));
		state.put("holdability", String.valueOf(connection.getHoldability()));
		state.put("networkTimeout", String.valueOf(connection.getNetworkTimeout()));
		state.put("catalog", String.valueOf(connection.getCatalog()));
		state.put("schema", String.valueOf(connection.getSchema()));
		state.putAll(observe(connection));
		return state;
	}

	HikariDataSource pool() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl());
		config.setUsername(user());
		config.setPassword(password());
		config.setMaximumPoolSize(poolSize());
		config.setMinimumIdle(poolSize());
		config.setConnectionTimeout(10_000);
		config.setPoolName("app");
		return new HikariDataSource(config);
	}

	Migrator migrator(DataSource dataSource, Path migrations, JavaMigration... java) {
		return Migrator.configure()
			.dataSource(dataSource)
			.locations("filesystem:" + migrations)
			.javaMigrations(java)
			.backupEnabled(false)
			.backupDirectory(this.dir.resolve("backups"))
			.load();
	}

	enum Case {

		SUCCESS(false, false), FAILURE(true, false), NO_TRANSACTION(false, true), NO_TRANSACTION_FAILURE(true, true);

		final boolean fails;

		final boolean noTransaction;

		Case(boolean fails, boolean noTransaction) {
			this.fails = fails;
			this.noTransaction = noTransaction;
		}

	}

	/**
	 * Every family of settings, each in every outcome under {@code -Dmigrator.test.every-case=true};
	 * otherwise each family in one outcome, the outcomes taken in turn so that each is still seen
	 * (a reset that only a failure, or only a migration without a transaction, reaches).
	 */
	@TestFactory
	Stream<DynamicTest> everySettingAMigrationChangesIsPutBack() {
		List<DynamicTest> tests = new ArrayList<>();
		int turn = 0;
		for (Family family : families()) {
			List<Case> cases = new ArrayList<>();
			for (Case scenario : Case.values()) {
				if (scenario.noTransaction || family.runsInTransaction()) {
					cases.add(scenario);
				}
			}
			if (!EveryCase.enabled()) {
				cases = List.of(cases.get(turn++ % cases.size()));
			}
			for (Case scenario : cases) {
				tests.add(DynamicTest.dynamicTest(family.name() + " " + scenario, () -> putBack(family, scenario)));
			}
		}
		return tests.stream();
	}

	private void putBack(Family family, Case scenario) throws Exception {
		newDatabase();
		Path migrations = Files.createDirectories(this.dir.resolve(family.name() + "-" + scenario).resolve("migrations"));
		write(migrations, "001_base.sql", "CREATE TABLE base_table (id INT);\n");
		write(migrations, "002_change_session.sql", (scenario.noTransaction ? "-- migrator:no-transaction\n" : "")
				+ family.sql().replace("{archive}", archive()) + "\n" + (scenario.fails ? failingStatement() + "\n" : ""));
		try (HikariDataSource pool = pool()) {
			List<Map<String, String>> before = observeAll(pool);
			Migrator migrator = migrator(pool, migrations);
			if (scenario.fails) {
				assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class);
			}
			else {
				assertThat(migrator.migrate().migrations()).extracting((run) -> run.version().toString())
					.containsExactly("001", "002");
			}
			assertThat(observeAll(pool)).as("the pool's connections after the migration").isEqualTo(before);
			assertThat(historyTables()).containsExactlyInAnyOrderElementsOf(expectedHistoryTables());
			if (!scenario.fails) {
				write(migrations, "003_more.sql", "CREATE TABLE more_table (id INT);\n");
				RunResult second = migrator.migrate();
				assertThat(second.migrations()).extracting((run) -> run.version().toString()).containsExactly("003");
				assertThat(migrator.info().currentVersion().toString()).isEqualTo("003");
				assertThat(historyTables()).containsExactlyInAnyOrderElementsOf(expectedHistoryTables());
				assertThat(observeAll(pool)).isEqualTo(before);
			}
		}
	}

	/**
	 * A Java migration that changes the connection through JDBC's setters, on a pool that puts back
	 * nothing itself (HikariCP resets some of them on its own, which would hide a missing reset).
	 */
	@Test
	void whatAJavaMigrationChangesThroughJdbcIsPutBack() throws Exception {
		newDatabase();
		try (HikariDataSource others = pool();
				Connection physical = DriverManager.getConnection(jdbcUrl(), user(), password())) {
			DataSource lending = new SingleConnectionDataSource(physical, others);
			Map<String, String> before = observeJdbc(physical);
			Path migrations = Files.createDirectories(this.dir.resolve("java"));
			write(migrations, "001_base.sql", "CREATE TABLE base_table (id INT);\n");
			Migrator migrator = migrator(lending, migrations, java("2", this::changeThroughJdbc));
			assertThat(migrator.migrate().migrations()).hasSize(2);
			assertThat(observeJdbc(physical)).isEqualTo(before);
			Migrator failing = migrator(lending, migrations, java("2", this::changeThroughJdbc), java("3", (connection) -> {
				changeThroughJdbc(connection);
				throw new SQLException("the migration fails after changing the connection");
			}));
			assertThatThrownBy(failing::migrate).isInstanceOf(MigrationFailedException.class);
			assertThat(observeJdbc(physical)).isEqualTo(before);
			assertThat(historyTables()).containsExactlyInAnyOrderElementsOf(expectedHistoryTables());
		}
	}

	interface ConnectionWork {

		void run(Connection connection) throws SQLException;

	}

	static JavaMigration java(String version, ConnectionWork work) {
		return new JavaMigration() {

			@Override
			public String version() {
				return version;
			}

			@Override
			public String description() {
				return "changes the session through JDBC";
			}

			@Override
			public void up(MigrationContext context) throws Exception {
				work.run(context.connection());
			}

		};
	}

	/** Every connection of the pool at once, so the one the migration had is among them. */
	List<Map<String, String>> observeAll(HikariDataSource pool) throws SQLException {
		List<Connection> borrowed = new ArrayList<>();
		try {
			List<Map<String, String>> states = new ArrayList<>();
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				borrowed.add(pool.getConnection());
			}
			for (Connection connection : borrowed) {
				states.add(observe(connection));
			}
			// the connections are alike; their order in the pool is not
			states.sort((a, b) -> a.toString().compareTo(b.toString()));
			return states;
		}
		finally {
			for (Connection connection : borrowed) {
				connection.close();
			}
		}
	}

	static Map<String, String> row(Connection connection, String sql) throws SQLException {
		Map<String, String> values = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			ResultSetMetaData meta = rs.getMetaData();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				values.put(meta.getColumnLabel(i), rs.getString(i));
			}
		}
		return values;
	}

	static List<String> column(Connection connection, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

	static void write(Path folder, String name, String content) throws Exception {
		Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
	}

}
