package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.testing.PostgresServer;
import dev.migrator.core.testing.SingleConnectionDataSource;
import dev.migrator.core.testing.TimingBounds;

/** What only PostgreSQL does: its history types, CONCURRENTLY, per-migration timeouts, {vendor} locations. */
class PostgresMigrateTest {

	@TempDir
	Path dir;

	PostgresFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100));\nINSERT INTO tasks VALUES (1, 'one');");
	}

	@Test
	void theHistoryKeepsTimesWithTheirZoneAndTheLogNumbersItselfWithAnIdentity() throws Exception {
		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns"
				+ " WHERE table_schema = current_schema() AND column_name IN ('applied_at', 'performed_at')"
				+ " ORDER BY table_name"))
			.containsExactly("schema_migrations.applied_at timestamp with time zone",
					"schema_migrations_log.performed_at timestamp with time zone");
		assertThat(this.fx.query("SELECT is_identity FROM information_schema.columns WHERE table_schema = current_schema()"
				+ " AND table_name = 'schema_migrations_log' AND column_name = 'id'")).containsExactly("YES");
		assertThat(this.fx.migrator().info().applied()).singleElement()
			.satisfies((m) -> assertThat(m.appliedAt()).isBetween(java.time.Instant.now().minusSeconds(60),
					java.time.Instant.now()));
	}

	@Test
	void concurrentlyAloneRunsWithoutATransactionWithoutTheDirectiveAndInfoSaysSo() throws Exception {
		this.fx.write("2_index.sql", "-- Index titles without blocking writers\nCREATE INDEX CONCURRENTLY tasks_title ON tasks (title);");

		this.fx.migrator().migrate();

		// a CONCURRENTLY build that failed would leave the index behind, marked invalid
		assertThat(this.fx.query("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
				+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
				+ " AND i.indisvalid AND i.indisready")).contains("tasks_title");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '2'")).containsExactly("applied");
		assertThat(this.fx.migrator().info().migrations()).filteredOn((m) -> m.version().toString().equals("2"))
			.singleElement()
			.satisfies((m) -> assertThat(m.note()).startsWith("runs without a transaction: ").contains("(line 2)"));
	}

	/** A statement the splitter does not know to need no transaction still fails with the directive it needs. */
	@Test
	void anUnlistedStatementThatCannotRunInATransactionFailsWithTheDirectiveItNeeds() throws Exception {
		// CLUSTER without a table clusters every table clustered before, each in a transaction of its own
		this.fx.write("2_recluster.sql", "-- Recluster the tables\nCLUSTER;");

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.line()).isEqualTo(2))
			.hasMessageContaining("2_recluster.sql:2: ")
			.hasMessageContaining("cannot run inside a transaction block")
			.hasMessageContaining("put it in a migration of its own whose first line is -- migrator:no-transaction");

		this.fx.migrator().repair();
		this.fx.write("2_recluster.sql", "-- migrator:no-transaction\nCLUSTER;");
		this.fx.migrator().migrate();
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '2'")).containsExactly("applied");
	}

	@Test
	void aLockTimeoutDirectiveFailsTheMigrationFastWhileAnotherSessionHoldsTheTable() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("2_done.sql", "-- migrator:lock-timeout=300ms\nALTER TABLE tasks ADD COLUMN done BOOLEAN;");
		try (Connection application = this.fx.connect()) {
			application.setAutoCommit(false);
			try (Statement statement = application.createStatement()) {
				// an application transaction that read the table: ALTER TABLE must wait for it
				statement.executeQuery("SELECT * FROM tasks").close();
			}
			long start = System.nanoTime();

			assertThatThrownBy(() -> this.fx.migrator().migrate())
				.isInstanceOf(MigrationFailedException.class)
				.hasMessageContaining("2_done.sql:2: ")
				.hasMessageContaining("lock timeout")
				.hasMessageContaining("find that session in pg_stat_activity");

			// the message proves the timeout cut it short; how soon is a goal of an idle machine
			if (TimingBounds.enforced()) {
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			}
			application.rollback();
		}
		assertThat(this.fx.columns("tasks")).doesNotContain("done");
	}

	@Test
	void theConfiguredLockTimeoutAppliesWhenNoDirectiveSaysOtherwise() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("2_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN;");
		try (Connection application = this.fx.connect()) {
			application.setAutoCommit(false);
			try (Statement statement = application.createStatement()) {
				statement.executeQuery("SELECT * FROM tasks FOR UPDATE").close();
			}
			long start = System.nanoTime();

			assertThatThrownBy(() -> this.fx.configure().migrationLockTimeout(Duration.ofMillis(300)).load().migrate())
				.isInstanceOf(MigrationFailedException.class)
				.hasMessageContaining("canceling statement due to lock timeout");

			// the message proves the timeout cut it short; how soon is a goal of an idle machine
			if (TimingBounds.enforced()) {
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			}
			application.rollback();
		}
	}

	@Test
	void aStatementTimeoutDirectiveStopsAStatementThatRunsTooLong() throws Exception {
		this.fx.write("2_slow.sql", "-- migrator:statement-timeout=200ms\nSELECT pg_sleep(5);");
		long start = System.nanoTime();

		assertThatThrownBy(() -> this.fx.configure().statementTimeout(Duration.ofMinutes(1)).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("2_slow.sql:2: ")
			.hasMessageContaining("statement timeout")
			.hasMessageContaining("-- migrator:statement-timeout=");

		// the message proves the timeout cut it short; how soon is a goal of an idle machine
		if (TimingBounds.enforced()) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void timeoutsEndWithTheMigrationAndNoTransactionOnesAreSetBackOnThePooledConnection() throws Exception {
		this.fx.write("2_index.sql", "-- migrator:no-transaction\n-- migrator:lock-timeout=2s\n-- migrator:statement-timeout=1min\n"
				+ "CREATE INDEX CONCURRENTLY tasks_title ON tasks (title);")
			.write("3_seed.sql", "-- migrator:lock-timeout=1s\nINSERT INTO tasks VALUES (2, 'two');");
		try (Connection pooled = this.fx.connect()) {
			String before = setting(pooled, "lock_timeout") + "/" + setting(pooled, "statement_timeout") + "/"
					+ setting(pooled, "search_path");

			this.fx.configure()
				.dataSource(new SingleConnectionDataSource(pooled, PostgresServer.dataSource(this.fx.schema)))
				.schema(this.fx.schema)
				.load()
				.migrate();

			assertThat(setting(pooled, "lock_timeout") + "/" + setting(pooled, "statement_timeout") + "/"
					+ setting(pooled, "search_path")).isEqualTo(before);
			assertThat(pooled.getAutoCommit()).isTrue();
		}
		assertThat(this.fx.query("SELECT count(*) FROM tasks")).containsExactly("2");
	}

	@Test
	void badTimeoutDirectivesAreErrorsWithTheirLine() throws Exception {
		this.fx.write("2_x.sql", "-- migrator:lock-timeout=5 seconds\n-- migrator:statement-timeout\n-- migrator:no-transaction=yes\nSELECT 1;");

		assertThatThrownBy(() -> this.fx.migrator().validate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_x.sql:1: directive migrator:lock-timeout needs a duration such as 500ms, 5s, 2min or 1h")
			.hasMessageContaining("not '5'")
			.hasMessageContaining("2_x.sql:2: directive migrator:statement-timeout needs a duration")
			.hasMessageContaining("not nothing")
			.hasMessageContaining("2_x.sql:3: directive migrator:no-transaction takes no value");
	}

	@Test
	void timeoutDirectivesOfTransactionModeAllAreNamedAsWithoutEffect() throws Exception {
		this.fx.write("2_x.sql", "-- migrator:lock-timeout=5s\nSELECT 1;");

		RunResult result = this.fx.configure().transactionMode(dev.migrator.core.api.TransactionMode.ALL).load().migrate();

		assertThat(result.warnings()).anySatisfy((w) -> assertThat(w).contains("2_x.sql: its lock-timeout and"
				+ " statement-timeout directives have no effect in transaction mode ALL"));
	}

	@Test
	void aVendorLocationReadsThePostgresFolder() throws Exception {
		RunResult result = this.fx.configure().locations("classpath:db/vendor-test/{vendor}").load().migrate();

		assertThat(result.migrations()).singleElement()
			.satisfies((m) -> assertThat(m.script()).isEqualTo("db/vendor-test/postgresql/1_vendor_note.sql"));
		assertThat(this.fx.columns("vendor_note")).containsExactly("id", "body");
	}

	private static String setting(Connection connection, String name) throws Exception {
		try (Statement statement = connection.createStatement();
				java.sql.ResultSet rs = statement.executeQuery("SHOW " + name)) {
			rs.next();
			return rs.getString(1);
		}
	}


	/**
	 * The history is looked for by its name, not as a pattern: a table whose name only matches
	 * {@code schema_migrations} as a LIKE pattern (each {@code _} any character) is not taken for it;
	 * and a history named in mixed case is found again on the next run, whatever the spelling the
	 * server keeps.
	 */
	@Test
	void theHistoryIsFoundByItsNameInAnySpellingAndNotByAPatternMatch() throws Exception {
		try (Connection connection = this.fx.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE schemaXmigrations (id INTEGER)");
		}
		assertThat(this.fx.migrator().migrate().migrations()).hasSize(1);
		assertThat(this.fx.tables()).contains("schema_migrations", "schemaxmigrations", "tasks");
		assertThat(this.fx.migrator().migrate().migrations()).isEmpty();

		PostgresFixture other = new PostgresFixture(this.dir.resolve("mixed"));
		other.write("1_notes.sql", "CREATE TABLE notes (id INTEGER);");
		assertThat(other.configure().table("AppHistory").load().migrate().migrations()).hasSize(1);
		assertThat(other.configure().table("AppHistory").load().migrate().migrations()).as("found again").isEmpty();
		assertThat(other.configure().table("AppHistory").load().info().currentVersion().toString()).isEqualTo("1");
	}

}
