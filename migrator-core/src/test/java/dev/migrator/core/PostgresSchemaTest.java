package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.testing.PostgresServer;
import dev.migrator.core.testing.SingleConnectionDataSource;

/** The schema setting: history tables there, migrations running there, the schema created when missing. */
class PostgresSchemaTest {

	@TempDir
	Path dir;

	PostgresFixture fx;

	String schema;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		this.schema = this.fx.schema + "_app";
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100));\n-- migrate:down\nDROP TABLE tasks;")
			.write("2_seed.sql", "INSERT INTO tasks VALUES (1, 'one');\n-- migrate:down\nDELETE FROM tasks WHERE id = 1;\n-- migrate:verify\nSELECT count(*) = 1 FROM tasks;");
	}

	@Test
	void historyAndMigrationsGoIntoTheSchemaWhichIsCreatedAndSaidSo() throws Exception {
		String log = stderrDuring(() -> this.fx.configure().schema(this.schema).load().migrate());

		assertThat(log).contains("Created schema " + this.schema + " for the history tables and the migrations");
		assertThat(tablesIn(this.schema)).containsExactly("schema_migrations", "schema_migrations_log", "tasks");
		assertThat(this.fx.tables()).as("the connection's own schema").isEmpty();
		assertThat(this.fx.query("SELECT title FROM " + this.schema + ".tasks")).containsExactly("one");

		RunResult again = this.fx.configure().schema(this.schema).load().migrate();
		assertThat(again.isEmpty()).isTrue();
		assertThat(this.fx.configure().schema(this.schema).load().info().applied()).hasSize(2);
		assertThat(this.fx.migrator().info().applied()).as("the connection's own schema has no history").isEmpty();
	}

	@Test
	void rollbackAndDataLossEstimatesWorkInTheSchema() throws Exception {
		Migrator migrator = this.fx.configure().schema(this.schema).load();
		migrator.migrate();

		assertThat(migrator.info().migrations().get(0).dataLoss().effects()).containsExactly("drops table tasks (1 row)");
		migrator.rollbackTo("0", dev.migrator.core.api.RunOptions.DEFAULT.withAllowDataLoss(true));

		assertThat(tablesIn(this.schema)).containsExactly("schema_migrations", "schema_migrations_log");
	}

	@Test
	void theLockTableGoesIntoTheSchemaToo() throws Exception {
		this.fx.configure().schema(this.schema).lockMode(LockMode.TABLE).load().migrate();

		assertThat(tablesIn(this.schema)).contains("schema_migrations_lock");
		assertThat(this.fx.query("SELECT count(*) FROM " + this.schema + ".schema_migrations_lock")).containsExactly("0");
	}

	@Test
	void thePooledConnectionGetsItsSearchPathBack() throws Exception {
		try (Connection pooled = this.fx.connect()) {
			String before = searchPath(pooled);

			this.fx.configure()
				.dataSource(new SingleConnectionDataSource(pooled, PostgresServer.dataSource(this.fx.schema)))
				.schema(this.schema)
				.load()
				.migrate();

			assertThat(searchPath(pooled)).isEqualTo(before);
		}
	}

	@Test
	void aSchemaNameThatIsNoPlainIdentifierIsRefused() {
		assertThatThrownBy(() -> this.fx.configure().schema("app; DROP SCHEMA public").load())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("Invalid schema name 'app; DROP SCHEMA public'")
			.hasMessageContaining("plain SQL identifier");
	}

	@Test
	void sqliteHasNoSchemasAndSaysSo() throws Exception {
		SqliteFixture sqlite = new SqliteFixture(java.nio.file.Files.createDirectories(this.dir.resolve("sqlite")));
		// an empty database file: info refuses a file that is not there before it connects
		sqlite.connect().close();

		assertThatThrownBy(() -> sqlite.configure().schema("app").load().info())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("SQLite has no schemas: remove the setting");
	}

	@Test
	void whatLivesInTheRestOfTheSearchPathStaysVisibleToTheMigrations() throws Exception {
		this.fx.execute("CREATE FUNCTION " + this.fx.schema + ".greeting() RETURNS TEXT AS 'SELECT ''hello''::text' LANGUAGE SQL");
		this.fx.write("3_greet.sql", "INSERT INTO tasks VALUES (2, greeting());");

		this.fx.configure().schema(this.schema).load().migrate();

		assertThat(this.fx.query("SELECT title FROM " + this.schema + ".tasks WHERE id = 2")).containsExactly("hello");
	}

	private java.util.List<String> tablesIn(String schema) throws Exception {
		return this.fx.query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
				+ "' ORDER BY table_name");
	}

	private static String searchPath(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW search_path")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static String stderrDuring(Runnable action) {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setErr(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

}
