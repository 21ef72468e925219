package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.testing.FailingDataSource;
import dev.migrator.core.testing.SingleConnectionDataSource;

/**
 * A pooled connection that a Java migration changed (here its transaction isolation) goes back to
 * the pool as it was lent; when the driver refuses to put it back, the migration stays applied (it
 * committed) and the connection goes back changed, which the log warns of. On SQLite, through a pool
 * of one real connection.
 */
class LentConnectionStateSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	private FailingDataSource db;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY);");
		this.db = new FailingDataSource(this.fx.url());
	}

	public static class ReadsUncommitted implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "reads uncommitted";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			context.connection().setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO people (id) VALUES (1)");
			}
		}

	}

	private Migrator migrator(Connection lent) {
		return Migrator.configure().dataSource(new SingleConnectionDataSource(lent, this.db))
			.locations("filesystem:" + this.fx.migrations)
			.javaMigrations(new ReadsUncommitted())
			.load();
	}

	@Test
	void theIsolationAMigrationChangedIsPutBack() throws Exception {
		try (Connection lent = this.db.getConnection()) {
			int before = lent.getTransactionIsolation();

			migrator(lent).migrate();

			assertThat(lent.getTransactionIsolation()).isEqualTo(before).isNotEqualTo(Connection.TRANSACTION_READ_UNCOMMITTED);
		}
		assertThat(this.fx.query("SELECT count(*) FROM people")).containsExactly("1");
	}

	@Test
	void whenTheDriverWillNotPutItBackTheMigrationStaysAppliedAndTheConnectionGoesBackChanged() throws Exception {
		try (Connection lent = this.db.getConnection()) {
			// the migration's own call goes through; every later one, the engine's putting back, fails
			this.db.failOn("setTransactionIsolation", null, 1);

			var run = migrator(lent).migrate();

			assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("1", "2");
			assertThat(this.db.failures()).isPositive();
			this.db.heal();
			assertThat(lent.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_UNCOMMITTED);
		}
		assertThat(this.fx.query("SELECT count(*) FROM people")).containsExactly("1");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '2'")).containsExactly("applied");
	}

	@Test
	void aDriverThatCannotSayItsNetworkTimeoutStillMigrates() throws Exception {
		this.db.failOn("getNetworkTimeout", null);
		try (Connection lent = this.db.getConnection()) {
			assertThat(migrator(lent).migrate().migrations()).hasSize(2);
		}
		assertThat(this.db.failures()).isPositive();
	}

}
