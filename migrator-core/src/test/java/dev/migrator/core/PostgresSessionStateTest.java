package dev.migrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import dev.migrator.core.api.InfoResult;
import dev.migrator.core.testing.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresSessionStateTest extends SessionStateScenarios {

	private static final String ROLE = "migrator_probe_role";

	private String schema;

	@Override
	void newDatabase() throws SQLException {
		this.schema = PostgresServer.newSchema("session");
		try (Connection connection = PostgresServer.connect(null); Statement statement = connection.createStatement()) {
			statement.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
		}
	}

	@Override
	String jdbcUrl() {
		return PostgresServer.url(this.schema);
	}

	@Override
	String user() {
		return null;
	}

	@Override
	String password() {
		return null;
	}

	@Override
	int poolSize() {
		return 2;
	}

	@Override
	String archive() {
		return this.schema + "_archive";
	}

	@Override
	List<Family> families() {
		return List.of(new Family("search_path", "CREATE SCHEMA IF NOT EXISTS {archive};\nSET search_path TO {archive}, public;"),
				new Family("role", "SET ROLE " + ROLE + ";"),
				new Family("session_authorization", "SET SESSION AUTHORIZATION " + ROLE + ";"),
				new Family("read_only", "SET default_transaction_read_only = on;"),
				new Family("isolation", "SET default_transaction_isolation = 'serializable';"),
				new Family("time_zone", "SET TIME ZONE 'Pacific/Apia';"),
				new Family("timeouts", "SET statement_timeout = '61s';\nSET lock_timeout = '62s';\n"
						+ "SET idle_in_transaction_session_timeout = '63s';"),
				new Family("custom_settings", "SELECT set_config('app.tenant', 'other', false);\nSET app.other = 'x';\n"
						+ "SET application_name = 'changed';\nSET work_mem = '7MB';"),
				new Family("prepared_statement", "PREPARE migrator_left_behind AS SELECT 1;"),
				new Family("temporary_table", "CREATE TEMP TABLE left_behind (x int);\n"
						+ "CREATE TEMP TABLE schema_migrations (version text);"),
				new Family("temporary_view_and_sequence", "CREATE TEMP SEQUENCE left_behind_sequence;\n"
						+ "CREATE TEMP VIEW left_behind_view AS SELECT 1 AS x;"),
				new Family("listen", "LISTEN left_behind_channel;"),
				new Family("advisory_lock", "SELECT pg_advisory_lock(424242);\nSELECT pg_advisory_lock(7, 8);\n"
						+ "SELECT pg_advisory_lock(424242);"),
				new Family("holdable_cursor", "DECLARE left_behind_cursor CURSOR WITH HOLD FOR SELECT 1;"));
	}

	/**
	 * A custom setting the session never had reads as unset (null) before, and as '' once a migration
	 * set it and it was reset: PostgreSQL keeps a placeholder for it until the connection ends. Both
	 * mean "not set" to an application, so both read as "(unset)" here.
	 */
	@Override
	Map<String, String> observe(Connection connection) throws SQLException {
		return row(connection, "SELECT current_setting('search_path') AS search_path, current_schema() AS schema,"
				+ " current_user AS current_user_name, session_user AS session_user_name,"
				+ " current_setting('default_transaction_read_only') AS read_only,"
				+ " current_setting('default_transaction_isolation') AS isolation, current_setting('TimeZone') AS time_zone,"
				+ " current_setting('statement_timeout') AS statement_timeout, current_setting('lock_timeout') AS lock_timeout,"
				+ " current_setting('idle_in_transaction_session_timeout') AS idle_timeout,"
				+ " coalesce(nullif(current_setting('app.tenant', true), ''), '(unset)') AS app_tenant,"
				+ " coalesce(nullif(current_setting('app.other', true), ''), '(unset)') AS app_other,"
				+ " current_setting('application_name') AS application_name, current_setting('work_mem') AS work_mem,"
				+ " (SELECT count(*) FROM pg_prepared_statements WHERE from_sql) AS prepared,"
				+ " (SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()) AS temporary,"
				+ " (SELECT count(*) FROM pg_listening_channels()) AS listening,"
				+ " (SELECT count(*) FROM pg_cursors) AS cursors,"
				+ " (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS advisory");
	}

	@Override
	List<String> historyTables() throws SQLException {
		try (Connection connection = PostgresServer.connect(null)) {
			return column(connection, "SELECT table_schema || '.' || table_name FROM information_schema.tables"
					+ " WHERE table_name LIKE 'schema_migrations%' AND table_schema IN ('" + this.schema + "', '"
					+ archive() + "')");
		}
	}

	@Override
	List<String> expectedHistoryTables() {
		return List.of(this.schema + ".schema_migrations", this.schema + ".schema_migrations_log");
	}

	/** pgjdbc refuses read-only and isolation changes inside a transaction; these it takes. */
	@Override
	void changeThroughJdbc(Connection connection) throws SQLException {
		connection.setSchema(archive());
		connection.setClientInfo("ApplicationName", "changed by a migration");
		connection.setNetworkTimeout(Runnable::run, 12_345);
		connection.setHoldability(java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT);
	}

	@Override
	Map<String, String> observeJdbc(Connection connection) throws SQLException {
		Map<String, String> state = super.observeJdbc(connection);
		state.put("clientInfo", String.valueOf(connection.getClientInfo("ApplicationName")));
		return state;
	}

	/**
	 * Put back to what the application had set on its connection before lending it (a pool's init
	 * SQL), not to the server's defaults.
	 */
	@Test
	void settingsTheApplicationHadSetComeBackAsItHadThem() throws Exception {
		newDatabase();
		Path migrations = Files.createDirectories(this.dir.resolve("init-sql"));
		write(migrations, "001_change.sql", "SET work_mem = '7MB';\nSET statement_timeout = '61s';\nRESET search_path;\n"
				+ "SET SESSION AUTHORIZATION " + ROLE + ";\n");
		try (HikariDataSource pool = poolWithInitSql("SET work_mem = '5MB'; SET statement_timeout = '33s'")) {
			List<Map<String, String>> before = observeAll(pool);
			assertThat(before.get(0)).containsEntry("work_mem", "5MB").containsEntry("statement_timeout", "33s");
			migrator(pool, migrations).migrate();
			assertThat(observeAll(pool)).isEqualTo(before);
		}
	}

	/**
	 * A setting only a superuser may set, which the application had set on its connection, comes back
	 * after a migration that switched to a session user that may not set it: the quick way (RESET ALL
	 * and the settings in one batch, before the session user is put back, which RESET ALL does not
	 * do) is refused, changes nothing, and each step then runs on its own in the order that lets it
	 * succeed. The custom setting shows RESET ALL ran in that way too.
	 */
	@Test
	void aSuperuserSettingComesBackAfterAMigrationThatSwitchedToAPlainSessionUser() throws Exception {
		newDatabase();
		Path migrations = Files.createDirectories(this.dir.resolve("superuser-setting"));
		write(migrations, "001_change.sql", "CREATE TABLE plain_role_table (id INT);\nSET app.tenant = 'other';\n"
				+ "SET SESSION AUTHORIZATION " + ROLE + ";\n");
		try (HikariDataSource pool = poolWithInitSql("SET log_min_duration_statement = '4321ms'")) {
			List<Map<String, String>> before = observeAll(pool);
			try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
				assertThat(column(connection, "SELECT current_setting('log_min_duration_statement')")).containsExactly("4321ms");
				// the premise: as the migration's session user, even after RESET ALL, the setting cannot be set
				statement.execute("BEGIN; SET LOCAL SESSION AUTHORIZATION " + ROLE + "; RESET ALL");
				assertThatThrownBy(() -> statement.execute("SELECT set_config('log_min_duration_statement', '4321ms', false)"))
					.hasMessageContaining("permission denied");
				statement.execute("ROLLBACK");
			}
			assertThat(migrator(pool, migrations).migrate().migrations()).hasSize(1);
			assertThat(observeAll(pool)).isEqualTo(before);
			try (Connection connection = pool.getConnection()) {
				assertThat(column(connection, "SELECT current_setting('log_min_duration_statement')")).containsExactly("4321ms");
			}
		}
	}

	/**
	 * The settings go back as text in one batch: a value with quotes, a backslash, a semicolon and the
	 * batch's own dollar-quote tag comes back exactly, after a migration that turned
	 * {@code standard_conforming_strings} off (which changes how quoted literals read).
	 */
	@Test
	void aSettingWhoseValueLooksLikeSqlComesBackExactly() throws Exception {
		newDatabase();
		Path migrations = Files.createDirectories(this.dir.resolve("odd-value"));
		write(migrations, "001_change.sql", "CREATE TABLE odd_value_table (id INT);\n"
				+ "SET standard_conforming_strings = off;\nSET application_name = 'changed';\n");
		String odd = "it's $m$ a\\b; $m0$ 'x'";
		try (HikariDataSource pool = poolWithInitSql("SET application_name = '" + odd.replace("'", "''") + "'")) {
			List<Map<String, String>> before = observeAll(pool);
			assertThat(before.get(0)).containsEntry("application_name", odd);
			assertThat(migrator(pool, migrations).migrate().migrations()).hasSize(1);
			assertThat(observeAll(pool)).isEqualTo(before);
		}
	}

	/** A pool of two (the migration's connection and the lock's) whose connections run this SQL first. */
	private HikariDataSource poolWithInitSql(String initSql) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl());
		config.setMaximumPoolSize(2);
		config.setConnectionInitSql(initSql);
		return new HikariDataSource(config);
	}

	/**
	 * The report as it came: a migration set search_path to archive and made transactions read-only
	 * by default; the application's next requests, its health and a second migrate must not notice.
	 */
	@Test
	void theReportedSpringBootCase() throws Exception {
		newDatabase();
		Path migrations = Files.createDirectories(this.dir.resolve("repro"));
		for (int i = 1; i <= 6; i++) {
			write(migrations, String.format("%03d_table_%d.sql", i, i), "CREATE TABLE table_" + i + " (id INT);\n");
		}
		write(migrations, "007_archive.sql", "CREATE SCHEMA IF NOT EXISTS " + archive() + ";\n"
				+ "SET search_path TO " + archive() + ", public;\nSET default_transaction_read_only = on;\n"
				+ "CREATE TABLE archived_orders (id INT);\n");
		try (HikariDataSource pool = pool()) {
			List<Map<String, String>> before = observeAll(pool);
			Migrator migrator = migrator(pool, migrations);
			assertThat(migrator.migrate().migrations()).hasSize(7);
			// the application's own request: a write on its next connection
			try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO table_1 VALUES (1)");
			}
			InfoResult health = migrator.info();
			assertThat(health.currentVersion().toString()).isEqualTo("007");
			assertThat(health.pending()).isEmpty();
			assertThat(migrator.migrate().migrations()).isEmpty();
			assertThat(observeAll(pool)).isEqualTo(before);
			assertThat(historyTables()).containsExactlyInAnyOrderElementsOf(expectedHistoryTables());
			try (Connection connection = PostgresServer.connect(null)) {
				assertThat(column(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
						+ archive() + "'")).containsExactly("archived_orders");
			}
		}
	}

}
