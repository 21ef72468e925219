package dev.migrator.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.testing.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A runner that loses its migration lock while it works never commits alongside the runner that
 * has it now: the migration it was in is rolled back, the next one does not start, and a later run
 * applies what is left once. The loss is made on a real PostgreSQL the ways it happens: another
 * runner takes the lock table's row over (as it does from a holder paused past its lease: a long GC,
 * a suspended VM, a starved machine), or the server ends the connection an advisory lock lives on
 * (an idle-in-transaction timeout after such a pause, a proxy, an administrator). Found when a loaded
 * CI machine starved a holder past a 300 ms test lease: the waiter rightly took the lock, and the
 * holder, its loss only logged, went on migrating.
 */
class PostgresLostLockTest {

	/** Short, so that the run after a lock-table takeover waits little for the row another runner wrote. */
	private static final Duration LEASE = Duration.ofSeconds(1);

	@TempDir
	Path dir;

	PostgresFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);\n");
	}

	enum Loss {

		/** Another runner wrote the lock table's row, as it does taking over a holder whose heartbeat stood still. */
		TABLE_ROW_TAKEN_OVER(LockMode.TABLE) {
			@Override
			void lose(PostgresFixture fx) throws SQLException {
				try (Connection other = PostgresServer.connect(fx.schema); Statement statement = other.createStatement()) {
					int rows = statement.executeUpdate("UPDATE schema_migrations_lock SET owner_id = 'another-runner',"
							+ " heartbeat_at = CURRENT_TIMESTAMP");
					assertThat(rows).as("the lock table's row").isOne();
				}
				// the holder's last confirmation began before this write: once a third of the lease has passed, it
				// stands in for none, and the holder's check asks the table (or its heartbeat has found out already)
				try {
					Thread.sleep(LEASE.dividedBy(3).plusMillis(50).toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		},

		/** The server ended the connection that holds the transaction-level advisory lock. */
		TRANSACTION_LOCK_CONNECTION_ENDED(LockMode.TRANSACTION) {
			@Override
			void lose(PostgresFixture fx) throws SQLException {
				endLockConnection(fx);
			}
		},

		/** The server ended the connection that holds the session-level advisory lock. */
		SESSION_LOCK_CONNECTION_ENDED(LockMode.SESSION) {
			@Override
			void lose(PostgresFixture fx) throws SQLException {
				endLockConnection(fx);
			}
		};

		final LockMode mode;

		Loss(LockMode mode) {
			this.mode = mode;
		}

		abstract void lose(PostgresFixture fx) throws SQLException;

		/** Ends the lock's connection: the one this JVM's holder marked with its identity (the tests of a JVM run one at a time). */
		static void endLockConnection(PostgresFixture fx) throws SQLException {
			assertThat(fx.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
					+ " AND pid <> pg_backend_pid() AND application_name LIKE 'migrator;" + ProcessHandle.current().pid()
					+ ";%'"))
				.as("the lock's connection, ended").containsExactly("t");
		}

	}

	@ParameterizedTest
	@EnumSource(Loss.class)
	void aMigrationDuringWhichTheLockIsLostIsRolledBackAndTheNextRunAppliesItOnce(Loss loss) throws Exception {
		this.fx.configure().lockMode(loss.mode).lockLease(LEASE).load().migrate();
		AtomicBoolean lost = new AtomicBoolean();
		JavaMigration orders = new JavaMigration() {

			@Override
			public String version() {
				return "2";
			}

			@Override
			public String description() {
				return "add orders";
			}

			@Override
			public void up(MigrationContext context) throws Exception {
				try (Statement statement = context.connection().createStatement()) {
					statement.execute("CREATE TABLE orders (id INTEGER)");
					statement.execute("INSERT INTO orders VALUES (1)");
				}
				if (lost.compareAndSet(false, true)) {
					loss.lose(PostgresLostLockTest.this.fx);
				}
			}

		};

		assertThatThrownBy(() -> this.fx.configure().lockMode(loss.mode).lockLease(LEASE).javaMigrations(orders).load()
			.migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("Lost the migration lock on PostgreSQL")
			.hasMessageContaining("before committing migration 2 (add orders)")
			.hasMessageContaining("Run again");
		assertThat(this.fx.tables()).as("the migration's transaction, rolled back").doesNotContain("orders");
		assertThat(this.fx.query("SELECT version FROM schema_migrations WHERE status = 'applied' ORDER BY version"))
			.containsExactly("1");

		RunResult again = this.fx.configure()
			.lockMode(loss.mode)
			.lockLease(LEASE)
			.lockWaitTimeout(Duration.ofSeconds(30))
			.javaMigrations(orders)
			.load()
			.migrate();

		assertThat(again.migrations()).extracting(MigrationRun::version).extracting(Object::toString).containsExactly("2");
		assertThat(this.fx.query("SELECT count(*) FROM orders")).containsExactly("1");
		assertThat(this.fx.query("SELECT version FROM schema_migrations WHERE status = 'applied' ORDER BY version"))
			.containsExactly("1", "2");
	}

	@ParameterizedTest
	@EnumSource(Loss.class)
	void aLockLostBetweenMigrationsStopsTheRunBeforeTheNextOneStarts(Loss loss) throws Exception {
		this.fx.write("2_orders.sql", "CREATE TABLE orders (id INTEGER);\n");
		this.fx.write("3_invoices.sql", "CREATE TABLE invoices (id INTEGER);\n");
		MigrationListener losesAfterTwo = new MigrationListener() {

			@Override
			public void migrationApplied(MigrationRun run, boolean dryRun) {
				if (run.version().toString().equals("2")) {
					try {
						loss.lose(PostgresLostLockTest.this.fx);
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}

		};

		assertThatThrownBy(
				() -> this.fx.configure().lockMode(loss.mode).lockLease(LEASE).listeners(losesAfterTwo).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("Lost the migration lock")
			.hasMessageContaining("before starting migration 3 (invoices)");
		assertThat(this.fx.tables()).contains("users", "orders").doesNotContain("invoices");
		assertThat(this.fx.query("SELECT version FROM schema_migrations WHERE status = 'applied' ORDER BY version"))
			.containsExactly("1", "2");
	}

}
