package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.MigrationVersion;

/**
 * The dashboard's figures where there is little or odd history to go on: a database never migrated,
 * an empty project, a repeatable (which has no down by design), and a log entry whose version was
 * cleared by hand. On SQLite.
 */
class DashboardFiguresSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
	}

	@Test
	void aDatabaseNeverMigratedIsPendingWithNoRatesAndNoCurrentVersion() throws Exception {
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;")
			.write("002_b.sql", "CREATE TABLE b (id INTEGER);");
		this.fx.execute("CREATE TABLE app (id INTEGER)");

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.overview().status()).isEqualTo(Dashboard.Status.PENDING);
		assertThat(dashboard.overview().currentVersion()).isEqualTo(MigrationVersion.EMPTY);
		assertThat(dashboard.overview().pending()).isEqualTo(2);
		assertThat(dashboard.overview().withDown()).isEqualTo(1);
		assertThat(dashboard.overview().downShare()).isEqualTo(0.5);
		assertThat(dashboard.timeline()).hasSize(2).noneMatch(Dashboard.TimelineEntry::current);
		assertThat(dashboard.statistics().attempts()).isZero();
		assertThat(dashboard.statistics().successRate()).as("no attempt: no rate, not 0%").isNull();
		assertThat(dashboard.statistics().averageMs()).isNull();
		assertThat(dashboard.statistics().longest()).isNull();
		assertThat(dashboard.statistics().shortest()).isNull();
		assertThat(dashboard.rollbackPlan()).isEmpty();
		assertThat(this.fx.tables()).as("a dashboard creates nothing").containsExactly("app");
	}

	@Test
	void anEmptyProjectIsUpToDateWithNoDownShare() throws Exception {
		this.fx.execute("CREATE TABLE app (id INTEGER)");

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.overview().status()).isEqualTo(Dashboard.Status.UP_TO_DATE);
		assertThat(dashboard.overview().migrations()).isZero();
		assertThat(dashboard.overview().downShare()).as("no migrations: no share, not 0%").isNull();
		assertThat(dashboard.overview().latestVersion()).isEqualTo(MigrationVersion.EMPTY);
		assertThat(dashboard.timeline()).isEmpty();
	}

	@Test
	void aRepeatableDoesNotCountAgainstTheShareOfMigrationsWithADown() throws Exception {
		this.fx.write("V1__a.sql", "CREATE TABLE a (id INTEGER);")
			.write("U1__a.sql", "DROP TABLE a;")
			.write("R__a_view.sql", "DROP VIEW IF EXISTS a_view;\nCREATE VIEW a_view AS SELECT id FROM a;");
		this.fx.migrator().migrate();

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.overview().migrations()).isEqualTo(1);
		assertThat(dashboard.overview().withDown()).isEqualTo(1);
		assertThat(dashboard.overview().downShare()).isEqualTo(1.0);
		assertThat(dashboard.overview().rollbacksAvailable()).isEqualTo(1);
		assertThat(dashboard.rollbackPlan()).extracting((s) -> s.version().toString()).containsExactly("1");
	}

	@Test
	void aLogEntryWhoseVersionWasClearedByHandCountsAsAnAttemptOfNoMigration() throws Exception {
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;");
		this.fx.migrator().migrate();
		this.fx.migrator().rollback(1);
		this.fx.execute("UPDATE schema_migrations_log SET version = NULL WHERE action = 'rollback'");

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.statistics().attempts()).isEqualTo(2);
		assertThat(dashboard.statistics().rollbacksPerformed()).isEqualTo(1);
		assertThat(dashboard.timeline()).singleElement()
			.satisfies((entry) -> assertThat(entry.rollbacks()).as("the log no longer says which was rolled back").isZero());
		assertThat(dashboard.overview().status()).isEqualTo(Dashboard.Status.PENDING);
	}

	@Test
	void aBaselineIsNeitherAMigrationOfTheShareNorAStepOfTheRollbackPlan() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;");
		this.fx.migrator().baseline("001", "legacy schema");
		this.fx.migrator().migrate();

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.overview().migrations()).isEqualTo(1);
		assertThat(dashboard.overview().downShare()).isEqualTo(1.0);
		assertThat(dashboard.overview().currentVersion()).hasToString("002");
		assertThat(dashboard.rollbackPlan()).singleElement().satisfies((step) -> {
			assertThat(step.version()).hasToString("002");
			assertThat(step.to()).as("the baseline is not rolled back: the plan ends at the empty version")
				.isEqualTo(MigrationVersion.EMPTY);
		});
		assertThat(dashboard.timeline()).extracting((t) -> t.version().toString()).containsExactly("001", "002");
	}

}
