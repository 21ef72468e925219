package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.Dashboard.EstimateBasis;
import dev.migrator.core.api.Dashboard.RollbackStep;
import dev.migrator.core.api.Dashboard.Status;
import dev.migrator.core.api.Dashboard.TimelineEntry;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationVersion;

/** The dashboard's figures computed from a real history, on every engine. */
abstract class DashboardScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
	}

	@Test
	void figuresComeFromTheHistoryTheLogAndTheCode() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));\n-- migrate:down\nDROP TABLE users;")
			.write("2_email.sql", "ALTER TABLE users ADD COLUMN email VARCHAR(100);")
			.write("3_audit.sql", "CREATE TABLE audit (id INTEGER);\n-- migrate:down\nDROP TABLE audit;");
		Migrator migrator = this.fx.migrator();
		migrator.migrate();
		migrator.rollback(1);
		migrator.migrate();
		this.fx.execute("INSERT INTO audit VALUES (1), (2)");
		this.fx.write("4_notes.sql", "CREATE TABLE notes (id INTEGER);\n-- migrate:down\nDROP TABLE notes;");
		migrator = this.fx.migrator();

		Dashboard dashboard = migrator.dashboard();

		Dashboard.Overview overview = dashboard.overview();
		assertThat(overview.status()).isEqualTo(Status.PENDING);
		assertThat(overview.currentVersion()).hasToString("3");
		assertThat(overview.latestVersion()).hasToString("4");
		assertThat(List.of(overview.migrations(), overview.applied(), overview.pending(), overview.failed()))
			.containsExactly(4, 3, 1, 0);
		assertThat(overview.withDown()).isEqualTo(3);
		assertThat(overview.downShare()).isEqualTo(0.75);
		assertThat(overview.rollbacksAvailable()).as("2 has no down: only 3 can be rolled back").isEqualTo(1);

		Dashboard.Statistics statistics = dashboard.statistics();
		assertThat(statistics.attempts()).as("3 applied, 1 rolled back, 1 applied again").isEqualTo(5);
		assertThat(statistics.succeeded()).isEqualTo(5);
		assertThat(statistics.failed()).isZero();
		assertThat(statistics.successRate()).isEqualTo(1.0);
		assertThat(statistics.migrationsApplied()).isEqualTo(4);
		assertThat(statistics.rollbacksPerformed()).isEqualTo(1);
		List<MigrationInfo> applied = dashboard.info().applied();
		long total = applied.stream().mapToLong(MigrationInfo::executionTimeMs).sum();
		assertThat(statistics.totalMs()).isEqualTo(total);
		assertThat(statistics.longest().ms()).isEqualTo(applied.stream().mapToLong(MigrationInfo::executionTimeMs).max().orElseThrow());
		assertThat(statistics.shortest().ms()).isEqualTo(applied.stream().mapToLong(MigrationInfo::executionTimeMs).min().orElseThrow());

		assertThat(dashboard.timeline()).extracting((t) -> t.version().toString()).containsExactly("1", "2", "3", "4");
		assertThat(dashboard.timeline()).filteredOn(TimelineEntry::current).extracting((t) -> t.version().toString())
			.containsExactly("3");
		assertThat(dashboard.timeline().get(2).rollbacks()).isEqualTo(1);
		assertThat(dashboard.timeline().get(3).state()).isEqualTo(MigrationState.PENDING);
		assertThat(dashboard.timeline().get(3).appliedAt()).isNull();

		List<RollbackStep> plan = dashboard.rollbackPlan();
		assertThat(plan).extracting((s) -> s.version() + "->" + s.to()).containsExactly("3->2", "2->1", "1->0");
		assertThat(plan).extracting(RollbackStep::possible).containsExactly(true, false, false);
		assertThat(plan.get(1).blockedBy()).hasToString("2");
		assertThat(plan.get(2).blockedBy()).hasToString("2");
		long recordedDown = migrator.log(100)
			.stream()
			.filter((e) -> LogRecord.ROLLBACK.equals(e.action()) && "3".equals(e.version()))
			.findFirst()
			.orElseThrow()
			.executionTimeMs();
		assertThat(plan.get(0).basis()).isEqualTo(EstimateBasis.DOWN);
		assertThat(plan.get(0).estimatedMs()).isEqualTo(recordedDown);
		assertThat(plan.get(1).basis()).as("2 was never rolled back: its up's time").isEqualTo(EstimateBasis.UP);
		assertThat(plan.get(1).estimatedMs()).isEqualTo(applied.get(1).executionTimeMs());
		assertThat(plan.get(1).cumulativeMs()).isEqualTo(recordedDown + applied.get(1).executionTimeMs());
		assertThat(plan.get(0).dataLoss().effects()).containsExactly("drops table audit (2 rows)");
		assertThat(plan.get(0).dataLoss().rows()).isEqualTo(2);

		assertThat(dashboard.recentLog()).isEqualTo(migrator.log(Dashboard.RECENT_LOG));
		assertThat(dashboard.backups()).isEqualTo(migrator.backups());
		assertThat(dashboard.failedAttempts()).isEmpty();
	}

	@Test
	void aFailedAttemptCountsAgainstTheSuccessRateAndShowsItsError() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;")
			.write("2_broken.sql", "INSERT INTO no_such_table VALUES (1);");
		Migrator migrator = this.fx.migrator();
		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class);

		Dashboard dashboard = migrator.dashboard();

		assertThat(dashboard.statistics().attempts()).isEqualTo(2);
		assertThat(dashboard.statistics().migrationsFailed()).isEqualTo(1);
		assertThat(dashboard.statistics().successRate()).isEqualTo(0.5);
		assertThat(dashboard.failedAttempts()).singleElement().satisfies((entry) -> {
			assertThat(entry.version()).isEqualTo("2");
			assertThat(entry.error()).containsIgnoringCase("no_such_table");
		});
		TimelineEntry broken = dashboard.timeline().get(1);
		assertThat(broken.failedAttempts()).isEqualTo(1);
		// where the failure left a failed row (DDL that commits on its own) the verdict is FAILED, else it is retried
		assertThat(dashboard.overview().status())
			.isEqualTo((broken.state() == MigrationState.FAILED) ? Status.FAILED : Status.PENDING);
	}

	@Test
	void aVersionWrittenAnotherWayInTheLogStillFindsItsRecordedDown() throws Exception {
		this.fx.write("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;");
		Migrator migrator = this.fx.migrator();
		migrator.migrate();
		migrator.rollback(1);
		migrator.migrate();
		Files.move(this.fx.migrations.resolve("001_users.sql"), this.fx.migrations.resolve("1_users.sql"));

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.rollbackPlan()).singleElement().satisfies((step) -> {
			assertThat(step.version()).isEqualTo(MigrationVersion.parse("1"));
			assertThat(step.basis()).isEqualTo(EstimateBasis.DOWN);
		});
		assertThat(dashboard.timeline().get(0).rollbacks()).isEqualTo(1);
	}

	@Test
	void countsCoverTheWholeLogNotOnlyTheRecentEntries() throws Exception {
		for (int i = 1; i <= 12; i++) {
			this.fx.write(i + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id INTEGER);\n-- migrate:down\nDROP TABLE t" + i + ";");
		}
		Migrator migrator = this.fx.migrator();
		migrator.migrate();
		migrator.rollbackTo("0");
		migrator.migrate();

		Dashboard dashboard = migrator.dashboard();

		assertThat(dashboard.recentLog()).hasSize(Dashboard.RECENT_LOG);
		assertThat(dashboard.statistics().attempts()).isEqualTo(36);
		assertThat(dashboard.statistics().rollbacksPerformed()).isEqualTo(12);
		assertThat(dashboard.rollbackPlan()).hasSize(12).allMatch(RollbackStep::possible);
		assertThat(dashboard.rollbackPlan()).allMatch((step) -> step.basis() == EstimateBasis.DOWN);
		assertThat(dashboard.rollbackPlan().get(11).to()).isEqualTo(MigrationVersion.EMPTY);
	}

	@Test
	void anEmptyDatabaseHasNoFiguresRatherThanMadeUpOnes() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		this.fx.execute("CREATE TABLE unrelated (id INTEGER)"); // the database exists; Migrator has not run

		Dashboard dashboard = this.fx.migrator().dashboard();

		assertThat(dashboard.overview().status()).isEqualTo(Status.PENDING);
		assertThat(dashboard.overview().currentVersion()).isEqualTo(MigrationVersion.EMPTY);
		assertThat(dashboard.overview().downShare()).isEqualTo(0.0);
		assertThat(dashboard.statistics().successRate()).isNull();
		assertThat(dashboard.statistics().averageMs()).isNull();
		assertThat(dashboard.statistics().longest()).isNull();
		assertThat(dashboard.rollbackPlan()).isEmpty();
		assertThat(dashboard.timeline()).extracting(TimelineEntry::current).containsExactly(false);
	}

}
