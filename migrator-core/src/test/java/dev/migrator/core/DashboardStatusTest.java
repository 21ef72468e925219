package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.MigrationFailedException;

/** The dashboard's one-word status and its failure counts, for the states operators must act on: on SQLite. */
class DashboardStatusTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE no_such_table;");
	}

	@Test
	void aMigrationLeftFailedMakesTheStatusFailed() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:no-transaction\nCREATE TABLE b (id INTEGER);\nINSERT INTO no_such VALUES (1);");
		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class);

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.overview().status()).isEqualTo(Dashboard.Status.FAILED);
		assertThat(dashboard.overview().failed()).isEqualTo(1);
		assertThat(dashboard.statistics().migrationsFailed()).isEqualTo(1);
	}

	@Test
	void aScriptChangedAfterItWasAppliedMakesTheStatusInvalid() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER, name TEXT);");

		assertThat(this.fx.migrator().dashboard().overview().status()).isEqualTo(Dashboard.Status.INVALID);
	}

	@Test
	void aFailedRollbackCountsAsAFailedRollbackNotAFailedMigration() throws Exception {
		this.fx.migrator().migrate();
		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("001_a.sql");

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.statistics().rollbacksFailed()).isEqualTo(1);
		assertThat(dashboard.statistics().migrationsFailed()).isZero();
		assertThat(dashboard.statistics().rollbacksPerformed()).isZero();
		// the down rolled back with its transaction: 001 stays applied, nothing is left failed
		assertThat(dashboard.overview().status()).isEqualTo(Dashboard.Status.UP_TO_DATE);
		assertThat(dashboard.failedAttempts()).singleElement()
			.satisfies((entry) -> assertThat(entry.error()).contains("no_such_table"));
	}

	@Test
	void aDashboardReadWhileAMigrationRunsSaysMigrating() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);");
		Dashboard[] during = new Dashboard[1];
		dev.migrator.core.api.MigrationListener peek = new dev.migrator.core.api.MigrationListener() {

			@Override
			public void migrationApplied(dev.migrator.core.api.MigrationRun run, boolean dryRun) {
				if (run.version().toString().equals("001")) {
					during[0] = DashboardStatusTest.this.fx.migrator().dashboard();
				}
			}

		};

		this.fx.configure().listeners(peek).load().migrate();

		assertThat(during[0].overview().status()).isEqualTo(Dashboard.Status.MIGRATING);
		assertThat(this.fx.migrator().dashboard().overview().status()).isNotEqualTo(Dashboard.Status.MIGRATING);
	}

}
