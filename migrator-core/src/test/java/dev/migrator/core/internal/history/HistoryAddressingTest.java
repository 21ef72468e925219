package dev.migrator.core.internal.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.testing.MariaDbServer;
import dev.migrator.core.testing.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history is written and read where the session was when the command began, even on a
 * connection a migration has moved since (search_path, USE, a temporary table of the same name),
 * with nothing put back: the naming alone must hold.
 */
class HistoryAddressingTest {

	@TempDir
	Path dir;

	@Test
	void postgresHistoryStaysInTheStartSchemaWhateverTheSearchPath() throws SQLException {
		String schema = PostgresServer.newSchema("addressing");
		String archive = schema + "_archive";
		try (Connection connection = PostgresServer.connect(schema)) {
			HistoryStore history = historyOn(connection, PostgresServer.dataSource(schema));
			execute(connection, "CREATE SCHEMA " + archive, "SET search_path TO " + archive + ", public");
			writeAndRead(connection, history);
			assertThat(column(connection, "SELECT table_schema || '.' || table_name FROM information_schema.tables"
					+ " WHERE table_schema IN ('" + schema + "', '" + archive + "') ORDER BY 1"))
				.containsExactly(schema + ".schema_migrations", schema + ".schema_migrations_log");
		}
	}

	@Test
	void mariaDbHistoryStaysInTheStartDatabaseWhateverTheUse() throws SQLException {
		MariaDbServer server = MariaDbServer.get();
		String database = server.createDatabase();
		String archive = database + "_archive";
		try (Connection connection = server.connect(database)) {
			DataSource dataSource = new dev.migrator.core.internal.jdbc.DriverDataSource(server.url(database),
					server.user(), server.password());
			HistoryStore history = historyOn(connection, dataSource);
			execute(connection, "CREATE DATABASE " + archive, "USE " + archive);
			writeAndRead(connection, history);
			assertThat(column(connection, "SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables"
					+ " WHERE table_schema IN ('" + database + "', '" + archive + "') ORDER BY 1"))
				.containsExactly(database + ".schema_migrations", database + ".schema_migrations_log");
		}
	}

	@Test
	void sqliteHistoryIsNotShadowedByATemporaryTable() throws SQLException {
		String url = "jdbc:sqlite:" + this.dir.resolve("app.db");
		try (Connection connection = DriverManager.getConnection(url)) {
			HistoryStore history = historyOn(connection, new dev.migrator.core.internal.jdbc.DriverDataSource(url, null, null));
			history.create(connection);
			execute(connection, "CREATE TEMP TABLE schema_migrations (version TEXT)");
			writeAndRead(connection, history);
			assertThat(column(connection, "SELECT count(*) FROM main.schema_migrations")).containsExactly("1");
			assertThat(column(connection, "SELECT count(*) FROM temp.schema_migrations")).containsExactly("0");
		}
	}

	private HistoryStore historyOn(Connection connection, DataSource dataSource) throws SQLException {
		Configuration configuration = Migrator.configure()
			.dataSource(dataSource)
			.locations("filesystem:" + this.dir)
			.load()
			.configuration();
		return new HistoryStore(configuration, Dialect.of(connection, configuration));
	}

	private static void writeAndRead(Connection connection, HistoryStore history) throws SQLException {
		history.create(connection);
		history.insert(connection, new AppliedMigration(MigrationVersion.parse("1"), "one", MigrationType.SQL, "001_one.sql",
				"abc", AppliedMigration.Status.APPLIED, Instant.now(), "test", 1));
		assertThat(history.exists(connection)).isTrue();
		assertThat(history.load(connection)).extracting((row) -> row.version().toString()).containsExactly("1");
	}

	private static void execute(Connection connection, String... sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
	}

	private static List<String> column(Connection connection, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

}
