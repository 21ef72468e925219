package dev.migrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import dev.migrator.core.api.ValidationException;
import dev.migrator.core.testing.MariaDbServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbSessionStateTest extends SessionStateScenarios {

	private final MariaDbServer server = MariaDbServer.get();

	private String database;

	@Override
	void newDatabase() {
		this.database = this.server.createDatabase();
	}

	@Override
	String jdbcUrl() {
		return this.server.url(this.database);
	}

	@Override
	String user() {
		return this.server.user();
	}

	@Override
	String password() {
		return this.server.password();
	}

	/** The lock is GET_LOCK on the migration's own connection: one is all it takes. */
	@Override
	int poolSize() {
		return 1;
	}

	@Override
	String archive() {
		return this.database + "_archive";
	}

	/**
	 * SET NAMES latin1 is not among them: MariaDB Connector/J closes a connection switched off UTF-8 itself.
	 * SET autocommit is transaction control on MySQL (turning it on commits), refused in a transactional
	 * migration, so it is tried in no-transaction migrations only.
	 */
	@Override
	List<Family> families() {
		return List.of(new Family("sql_mode", "SET SESSION sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES';"),
				new Family("time_zone", "SET time_zone = '+05:00';"),
				new Family("checks", "SET foreign_key_checks = 0;\nSET unique_checks = 0;"),
				new Family("autocommit", "SET autocommit = 0;", false),
				new Family("isolation", "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE;"),
				new Family("read_only", "SET SESSION TRANSACTION READ ONLY;"),
				new Family("user_variable", "SET @tenant = 'other';\nSET @counter = 41;"),
				new Family("current_database", "CREATE DATABASE IF NOT EXISTS {archive};\nUSE {archive};"),
				new Family("names", "SET NAMES utf8mb3 COLLATE utf8mb3_bin;"));
	}

	/** The script written the other way: in a transactional migration it is refused before anything runs. */
	@Test
	void setAutocommitInATransactionalMigrationIsRefusedAndNoConnectionChanges() throws Exception {
		newDatabase();
		Path migrations = Files.createDirectories(this.dir.resolve("autocommit-refused"));
		write(migrations, "001_base.sql", "CREATE TABLE base_table (id INT);\n");
		write(migrations, "002_change_session.sql", "SET autocommit = 0;\n");
		try (HikariDataSource pool = pool()) {
			List<Map<String, String>> before = observeAll(pool);

			assertThatThrownBy(() -> migrator(pool, migrations).migrate()).isInstanceOf(ValidationException.class)
				.hasMessageContaining("002_change_session.sql:1 (SET autocommit = 0)")
				.hasMessageContaining("-- migrator:no-transaction");

			assertThat(observeAll(pool)).isEqualTo(before);
			assertThat(historyTables()).isEmpty();
		}
	}

	@Override
	Map<String, String> observe(Connection connection) throws SQLException {
		return row(connection, "SELECT @@session.sql_mode AS sql_mode, @@session.time_zone AS time_zone,"
				+ " @@session.foreign_key_checks AS fk, @@session.unique_checks AS uniq, @@session.autocommit AS autocommit,"
				+ " @@session.transaction_isolation AS isolation, @@session.transaction_read_only AS read_only,"
				+ " @tenant AS tenant, @counter AS counter, DATABASE() AS db,"
				+ " @@session.character_set_client AS cs_client, @@session.character_set_connection AS cs_connection,"
				+ " @@session.character_set_results AS cs_results, @@session.collation_connection AS collation");
	}

	@Override
	List<String> historyTables() throws SQLException {
		try (Connection connection = this.server.connect(this.database)) {
			return column(connection, "SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables"
					+ " WHERE table_name LIKE 'schema_migrations%' AND table_schema IN ('" + this.database + "', '"
					+ archive() + "')");
		}
	}

	@Override
	List<String> expectedHistoryTables() {
		return List.of(this.database + ".schema_migrations", this.database + ".schema_migrations_log");
	}

	@Override
	void changeThroughJdbc(Connection connection) throws SQLException {
		try (var statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS " + archive());
		}
		connection.setCatalog(archive());
		connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		connection.setNetworkTimeout(Runnable::run, 12_345);
	}

}
