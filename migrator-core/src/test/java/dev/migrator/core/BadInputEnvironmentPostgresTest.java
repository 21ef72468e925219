package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.testing.PostgresServer;

/**
 * Bad input catalogue, PostgreSQL's environment (docs/RELIABILITY.md, "Bad input: the database and its environment"):
 * a lock table row no runner wrote, a login that cannot work, a schema that does not exist, and
 * the migrating connection ended from outside while a statement runs. Each case snapshots the
 * schema, runs the engine, and checks the error and that nothing changed.
 */
class BadInputEnvironmentPostgresTest {

	private static final String PASSWORD = "s3cret-Pa55word";

	@TempDir
	Path dir;

	PostgresFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
				+ "INSERT INTO users VALUES (1, 'ada');\n");
		tableLock().load().migrate();
		this.fx.write("2_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\nINSERT INTO items VALUES (7);\n");
	}

	/** Lock-table mode with a short wait and lease, so a lock that is never taken over fails fast. */
	private Migrator.Builder tableLock() {
		return this.fx.configure().lockMode(LockMode.TABLE).lock(Duration.ofSeconds(5), Duration.ofSeconds(2));
	}

	/** Valid after all: a row with a nonsense owner, no host, a negative pid and an old heartbeat is taken over. */
	@Test
	void lockRowWithNonsenseOwnerIsTakenOver() throws Exception {
		this.fx.execute("INSERT INTO schema_migrations_lock (id, owner_id, host, pid, acquired_at, heartbeat_at, heartbeats)"
				+ " VALUES (1, '?!', '', -42, TIMESTAMP '1999-12-31 23:59:59', TIMESTAMP '2000-01-01 00:00:00', -7)");

		var result = tableLock().load().migrate();

		assertThat(result.migrations()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(this.fx.query("SELECT error FROM schema_migrations_log WHERE action = 'lock_takeover'"))
			.singleElement().asString().startsWith("took over the lock from unknown holder");
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations_lock")).containsExactly("0");
	}

	/**
	 * A heartbeat in the future no runner wrote (the heartbeat is the database's own clock): before
	 * the fix the row looked alive forever and every run timed out, the message promising that the
	 * lock "frees itself". Valid after all: it is taken over like a dead holder's.
	 */
	@Test
	void lockRowWithAHeartbeatInTheFutureIsTakenOver() throws Exception {
		this.fx.execute("INSERT INTO schema_migrations_lock (id, owner_id, host, pid, acquired_at, heartbeat_at, heartbeats)"
				+ " VALUES (1, 'garbage', 'nowhere', 99999999, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '10 years', 0)");

		Throwable thrown = catchThrowable(() -> tableLock().load().migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);

		assertThat(thrown).isNull();
		assertThat(this.fx.tables()).contains("items");
		assertThat(this.fx.query("SELECT error FROM schema_migrations_log WHERE action = 'lock_takeover'"))
			.singleElement().asString().contains("host nowhere, pid 99999999");
	}

	@Test
	void loginRefusedDoesNotShowThePassword() throws Exception {
		List<String> before = this.fx.dump();
		String url = "jdbc:postgresql://localhost:" + PostgresServer.port() + "/" + PostgresServer.DATABASE
				+ "?currentSchema=" + this.fx.schema;

		Throwable inUrl = attempt(Migrator.configure().url(url + "&user=intruder&password=" + PASSWORD));
		Throwable asArgument = attempt(Migrator.configure().url(url, "intruder", PASSWORD));

		for (Throwable thrown : List.of(inUrl, asArgument)) {
			assertThat(thrown).isInstanceOf(MigratorException.class)
				.hasMessageContaining("Could not connect to the database")
				.hasMessageContaining("\"intruder\"")
				.hasMessageContaining("check the URL, user and password")
				.hasMessageNotContaining(PASSWORD);
			assertThat(BadInputEnvironmentReport.stackTrace(thrown)).doesNotContain(PASSWORD);
		}
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void unreachableHostDoesNotShowThePassword() throws Exception {
		int closedPort = BadInputEnvironmentReport.closedPort();
		String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=app&password=" + PASSWORD + "&connectTimeout=5";

		Throwable thrown = attempt(Migrator.configure().url(url));

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Could not connect to the database")
			.hasMessageContaining("127.0.0.1:" + closedPort)
			.hasMessageContaining("that the database is reachable")
			.hasMessageNotContaining(PASSWORD);
		assertThat(BadInputEnvironmentReport.stackTrace(thrown)).doesNotContain(PASSWORD);
	}

	@Test
	void searchPathSchemaThatDoesNotExist() throws Exception {
		String missing = "missing_" + this.fx.schema;
		List<String> before = this.fx.dump();

		Throwable thrown = attempt(Migrator.configure().url(PostgresServer.url(missing)).backupEnabled(false)
			.locations("filesystem:" + this.fx.migrations));

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("The connection's search_path (" + missing + ") names no schema that exists")
			.hasMessageContaining("create the schema")
			.hasMessageContaining("Nothing was changed");
		assertThat(PostgresServer.connect(null).createStatement()
			.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + missing + "'")).satisfies((rs) -> {
				rs.next();
				assertThat(rs.getInt(1)).isZero();
			});
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	/** Valid after all: a configured schema that does not exist is created, as documented. */
	@Test
	void configuredSchemaThatDoesNotExistIsCreated() throws Exception {
		String fresh = "fresh_" + this.fx.schema;

		var result = this.fx.configure().schema(fresh).load().migrate();

		assertThat(result.migrations()).extracting((m) -> m.version().toString()).containsExactly("1", "2");
		assertThat(this.fx.query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + fresh
				+ "' ORDER BY 1")).containsExactly("items", "schema_migrations", "schema_migrations_log", "users");
	}

	/** A read-only server (a standby, or read-only by default): refused before anything ran. */
	@Test
	void readOnlyServer() throws Exception {
		List<String> before = this.fx.dump();

		Throwable thrown = attempt(this.fx.configure()
			.url(this.fx.url() + "&options=-c%20default_transaction_read_only%3Don"));

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("read-only transaction")
			.hasMessageContaining("writable");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	/**
	 * The transaction turns read-only mid-migration (here the script sets it, as a server switched to
	 * read-only would refuse the write), SQLSTATE 25006: the transaction is rolled back and the error
	 * says the server is read-only and where to migrate, not that the script is wrong.
	 */
	@Test
	void serverReadOnlyMidMigration() throws Exception {
		this.fx.write("3_audit.sql", "CREATE TABLE audit (id INTEGER);\nSET LOCAL transaction_read_only = on;\n"
				+ "INSERT INTO audit VALUES (1);\n");
		this.fx.migrator().migrate("2");

		Throwable thrown = catchThrowable(() -> this.fx.migrator().migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);

		assertThat(thrown).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("3_audit.sql:3")
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("The PostgreSQL server is read-only (a standby, or default_transaction_read_only is on);"
					+ " migrate against the primary");
		assertThat(this.fx.tables()).doesNotContain("audit");
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE version = '3'")).containsExactly("0");
	}

	/**
	 * The migrating connection is ended from another one ({@code pg_terminate_backend}) while its slow
	 * statement runs: the server rolls the transaction back, nothing is recorded against the
	 * migration, and the next run applies it.
	 */
	@Test
	void connectionLostMidMigration() throws Exception {
		String marker = PostgresServer.newSchema("slow");
		try (Connection connection = PostgresServer.connect(marker); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE slow (id INTEGER)");
		}
		this.fx.write("3_slow.sql", "CREATE TABLE audit (id INTEGER);\nINSERT INTO audit VALUES (1);\n"
				+ "SELECT pg_sleep(CASE WHEN to_regclass('" + marker + ".slow') IS NOT NULL THEN 120 ELSE 0 END);\n");
		this.fx.migrator().migrate("2");
		List<String> before = this.fx.dump();

		CompletableFuture<Throwable> run = CompletableFuture
			.supplyAsync(() -> catchThrowable(() -> this.fx.migrator().migrate()));
		int terminated = terminateTheSleepingBackend();
		Throwable thrown = run.get(60, TimeUnit.SECONDS);
		BadInputEnvironmentReport.print(getClass(), thrown);

		assertThat(terminated).isPositive();
		assertThat(thrown).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("Migration 3 (slow) failed")
			.hasMessageContaining("3_slow.sql:3")
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("The connection to PostgreSQL was lost while the migration ran (SQLSTATE 57P01")
			.hasMessageContaining("Run migrate again")
			.hasMessageNotContaining("repair()");
		assertThat(((MigrationFailedException) thrown).recorded()).isFalse();
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE version = '3'")).containsExactly("0");
		assertThat(this.fx.dump()).isEqualTo(before);

		try (Connection connection = PostgresServer.connect(marker); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE slow");
		}
		assertThat(this.fx.migrator().migrate().migrations()).extracting((m) -> m.version().toString())
			.containsExactly("3");
		assertThat(this.fx.query("SELECT id FROM audit")).containsExactly("1");
	}

	/**
	 * The server runs out of room mid-migration: a sort spills past the server's limit on temporary
	 * files (temp_file_limit, here set by the script as a nearly full disk would set it), SQLSTATE
	 * 53400. The transaction is rolled back and the error says a resource ran out, not that the script
	 * is wrong.
	 */
	@Test
	void serverOutOfRoomMidMigration() throws Exception {
		this.fx.write("3_report.sql", "CREATE TABLE audit (id INTEGER);\nSET LOCAL work_mem = '64kB';\n"
				+ "SET LOCAL temp_file_limit = '100kB';\n"
				+ "SELECT count(*) FROM (SELECT g FROM generate_series(1, 300000) g ORDER BY g DESC) sorted;\n");
		this.fx.migrator().migrate("2");
		List<String> before = this.fx.dump();

		Throwable thrown = catchThrowable(() -> this.fx.migrator().migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);

		assertThat(thrown).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("3_report.sql:4")
			.hasMessageContaining("Nothing of it was applied")
			.hasMessageContaining("The PostgreSQL server ran out of a resource (SQLSTATE 53400")
			.hasMessageContaining("free it, then run migrate again");
		assertThat(this.fx.tables()).doesNotContain("audit");
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE version = '3'")).containsExactly("0");
		// only the run log says it failed
		assertThat(this.fx.dump()).filteredOn((line) -> !line.startsWith("schema_migrations_log: "))
			.isEqualTo(before.stream().filter((line) -> !line.startsWith("schema_migrations_log: ")).toList());
		assertThat(this.fx.query("SELECT success FROM schema_migrations_log WHERE version = '3'")).containsExactly("f");
	}

	/** Waits for the migration's pg_sleep to be running, then ends its backend; returns the pid ended. */
	private int terminateTheSleepingBackend() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		try (Connection connection = PostgresServer.connect(null); Statement statement = connection.createStatement()) {
			while (System.nanoTime() - deadline < 0) {
				try (ResultSet rs = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE state = 'active'"
						+ " AND query LIKE 'SELECT pg_sleep(CASE WHEN to_regclass(%' AND pid <> pg_backend_pid()")) {
					if (rs.next()) {
						int pid = rs.getInt(1);
						statement.execute("SELECT pg_terminate_backend(" + pid + ")");
						return pid;
					}
				}
				Thread.sleep(50);
			}
		}
		return -1;
	}

	private Throwable attempt(Migrator.Builder builder) {
		Throwable thrown = catchThrowable(() -> builder.locations("filesystem:" + this.fx.migrations).load().migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);
		return thrown;
	}

}
