package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationFailedException;
import tools.jackson.databind.JsonNode;

/**
 * {@code migrator status} shows the dashboard's sections (timeline, rollbacks performed, failed
 * attempts, the rollback plan with estimated times, relative times) from the engine's
 * {@code dashboard()}: the text and the JSON carry the engine's figures.
 */
class StatusDashboardIT {

	@TempDir
	Path directory;

	@Test
	void textShowsTimelineStatisticsFailedAttemptsAndThePlanWithEstimates() {
		Project project = history();

		CliRun.Result status = project.cli().run("status");

		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.stdout()).contains("Timeline", "Statistics", "Failed attempts", "Rollback plan")
			.containsPattern("001 -> create tasks \\(\\d+s ago\\)\n")
			.containsPattern("002 -> add tags \\(\\d+s ago\\), rolled back 1x  <- current")
			.containsPattern("003 -> add audit \\[pending\\], failed 1x")
			.containsPattern("Rollbacks performed +1\n")
			.containsPattern("Failed +1 \\(1 migrate, 0 rollback\\)")
			.containsPattern("Success rate +80% \\(4 of 5 attempts\\)")
			.containsPattern("1 +002 +001 +drops table tags \\(0 rows\\) +\\d+ ms \\(its downs\\)")
			.containsPattern("2 +001 +0 +drops table tasks \\(1 row\\) +\\d+ ms \\(its up\\)")
			.containsPattern("002 +add tags +\\d+s ago \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\)");
	}

	@Test
	void jsonCarriesEveryFigureOfTheEnginesDashboard() {
		Project project = history();
		Dashboard engine = project.engine().dashboard();

		CliRun.Result result = project.cli().run("status", "--json");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		JsonNode json = result.json();
		JsonNode statistics = json.get("statistics");
		assertThat(statistics.get("attempts").asInt()).isEqualTo(engine.statistics().attempts()).isEqualTo(5);
		assertThat(statistics.get("rollbacksPerformed").asInt()).isEqualTo(1);
		assertThat(statistics.get("migrationsFailed").asInt()).isEqualTo(1);
		assertThat(statistics.get("totalMs").asLong()).isEqualTo(engine.statistics().totalMs());
		assertThat(json.at("/overview/withDown").asInt()).isEqualTo(3);
		assertThat(json.at("/overview/downShare").asDouble()).isEqualTo(1.0);
		assertThat(json.at("/timeline/1/current").asBoolean()).isTrue();
		assertThat(json.at("/timeline/1/rollbacks").asInt()).isEqualTo(1);
		assertThat(json.at("/timeline/2/failedAttempts").asInt()).isEqualTo(1);
		long recordedDown = project.engine()
			.log(50)
			.stream()
			.filter((e) -> LogRecord.ROLLBACK.equals(e.action()))
			.findFirst()
			.orElseThrow()
			.executionTimeMs();
		assertThat(json.at("/rollbacks/0/estimateBasis").asString()).isEqualTo("down");
		assertThat(json.at("/rollbacks/0/estimatedMs").asLong()).isEqualTo(recordedDown);
		assertThat(json.at("/rollbacks/1/estimateBasis").asString()).isEqualTo("up");
		assertThat(json.at("/rollbacks/1/cumulativeMs").asLong())
			.isEqualTo(recordedDown + json.at("/rollbacks/1/estimatedMs").asLong());
		assertThat(json.at("/failedAttempts/0/version").asString()).isEqualTo("003");
		assertThat(json.get("log").size()).isEqualTo(engine.recentLog().size());
		assertThat(json.get("computedAt").asString()).matches("\\d{4}-.*Z");
	}

	/**
	 * 001 and 002 applied, 002 rolled back and applied again, 003 failed once (its transaction rolled
	 * back): all through the engine, since the history, not how it was made, is under test.
	 */
	private Project history() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("002");
		Migrator engine = project.engine();
		engine.rollback(1);
		engine.migrate("002");
		project.migration("003_add_audit.sql", "CREATE TABLE audit (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
				+ "-- migrate:down\nDROP TABLE audit;\n");
		assertThatThrownBy(() -> project.engine().migrate()).isInstanceOf(MigrationFailedException.class);
		return project;
	}

}
