package dev.migrator.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.internal.resolve.Prerequisites;
import dev.migrator.core.internal.resolve.Resolution;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.resolve.SqlScript;

/**
 * The code's migrations set against a history, without a database: failed rows and what the log says
 * of them, baselines, repeatables, locations gone empty, and where a rollback lands.
 */
class MigrationStatesTest {

	private static final Instant APPLIED_AT = Instant.parse("2026-03-01T03:12:04Z");

	private static final Configuration CONFIGURATION = Migrator.configure().url("jdbc:sqlite::memory:").configuration();

	private static MigrationVersion v(String version) {
		return MigrationVersion.parse(version);
	}

	private static String script(String version) {
		return "V" + version + "__step.sql";
	}

	private static ResolvedMigration code(String version, String checksum) {
		return ResolvedMigration.sql(v(version), "step", checksum, new SqlScript(script(version), "SELECT 1;", 1, true), null,
				null, Prerequisites.NONE);
	}

	private static AppliedMigration row(String version, MigrationType type, Status status, String checksum) {
		return new AppliedMigration(v(version), "step", type, script(version), checksum, status, APPLIED_AT, "deploy", 12);
	}

	private static AppliedMigration row(String version, Status status) {
		return row(version, MigrationType.SQL, status, "c" + version);
	}

	private static LogRecord entry(String version, String action, boolean success, String error) {
		return new LogRecord(version, "step", action, success, error, "deploy", APPLIED_AT.plusSeconds(60), 5L);
	}

	private static MigrationStates states(List<ResolvedMigration> code, List<AppliedMigration> history,
			Map<MigrationVersion, LogRecord> lastAttempts, List<String> emptyLocations) {
		return new MigrationStates(new Resolution(code, List.of(), List.of(), emptyLocations, "Flyway"), history, List.of(),
				lastAttempts, CONFIGURATION);
	}

	private static MigrationInfo info(MigrationStates states, String version) {
		return states.infos().stream().filter((info) -> info.version().equals(v(version))).findFirst().orElseThrow();
	}

	@Test
	void aFailedRowWhoseLastAttemptLeftNoErrorSaysOnlyWhenItFailed() {
		String expected = "Migration 2 (V2__step.sql) is partially applied: its last attempt failed at " + APPLIED_AT
				+ " and may have left changes. Migrate will not run it again until you repair it: finish it by hand and"
				+ " mark it applied, or undo by hand what it did and forget it (the next migrate then runs it again).";
		List<Map<MigrationVersion, LogRecord>> logs = List.of(Map.of(), Map.of(v("2"), entry("2", LogRecord.MIGRATE, true, null)),
				Map.of(v("2"), entry("2", LogRecord.MIGRATE, false, null)),
				Map.of(v("2"), entry("2", LogRecord.MIGRATE, true, "a warning of a run that succeeded")));

		for (Map<MigrationVersion, LogRecord> log : logs) {
			MigrationStates states = states(List.of(code("1", "c1"), code("2", "c2")),
					List.of(row("1", Status.APPLIED), row("2", Status.FAILED)), log, List.of());

			assertThat(states.problems()).as("log %s", log).containsExactly(expected);
			assertThat(states.interrupted(v("2"))).isFalse();
			assertThat(states.failedRows()).extracting(AppliedMigration::version).containsExactly(v("2"));
			assertThat(info(states, "2").state()).isEqualTo(MigrationState.FAILED);
			assertThat(info(states, "2").failure()).isEqualTo("its last attempt failed at " + APPLIED_AT
					+ " and may have left changes");
		}
	}

	@Test
	void aFailedRowsErrorIsShownOnOneLine() {
		MigrationStates states = states(List.of(code("2", "c2")), List.of(row("2", Status.FAILED)),
				Map.of(v("2"), entry("2", LogRecord.MIGRATE, false, "ERROR: relation \"t\" exists" + System.lineSeparator()
						+ "  at line 3 ")), List.of());

		assertThat(info(states, "2").failure()).isEqualTo("its last attempt failed at " + APPLIED_AT
				+ " and may have left changes (ERROR: relation \"t\" exists   at line 3)");
	}

	@Test
	void aRunInterruptedInAFailedMigrationIsToldApart() {
		MigrationStates states = states(List.of(code("2", "c2")), List.of(row("2", Status.FAILED)),
				Map.of(v("2"), entry("2", LogRecord.START, true, null)), List.of());

		assertThat(states.interrupted(v("2"))).isTrue();
		assertThat(states.interrupted(v("1"))).isFalse();
		assertThat(info(states, "2").failure()).startsWith("a run started it at " + APPLIED_AT.plusSeconds(60)
				+ " and was interrupted before it finished");
	}

	@Test
	void aBaselineThatIsNoLongerAppliedHidesNothingBelowIt() {
		MigrationStates states = states(List.of(code("2", "c2"), code("4", "c4")),
				List.of(row("3", MigrationType.BASELINE, Status.ROLLED_BACK, null)), Map.of(), List.of());

		assertThat(info(states, "2").state()).isEqualTo(MigrationState.PENDING);
		assertThat(states.pending()).extracting(ResolvedMigration::version).containsExactly(v("2"), v("4"));
		assertThat(states.problems()).isEmpty();
	}

	@Test
	void aRepeatableWhoseRowIsNotAppliedRunsAgainEvenUnchanged() {
		MigrationVersion views = MigrationVersion.repeatable("views");
		ResolvedMigration repeatable = ResolvedMigration.repeatable(views, "views", "same",
				new SqlScript("R__views.sql", "SELECT 1;", 1, true), null, Prerequisites.NONE, false);
		AppliedMigration rolledBack = new AppliedMigration(views, "views", MigrationType.REPEATABLE, "R__views.sql", "same",
				Status.ROLLED_BACK, APPLIED_AT, "deploy", 3);

		MigrationStates states = states(List.of(repeatable), List.of(rolledBack), Map.of(), List.of());

		assertThat(states.pending()).containsExactly(repeatable);
		assertThat(states.infos()).singleElement().extracting(MigrationInfo::state).isEqualTo(MigrationState.PENDING);
	}

	@Test
	void anEmptyLocationNamesTheNewestAppliedMigrationPastBaselineAndFailedRows() {
		List<AppliedMigration> history = List.of(row("1", MigrationType.BASELINE, Status.APPLIED, null), row("2", Status.APPLIED),
				row("3", Status.APPLIED), row("4", Status.FAILED));

		MigrationStates states = states(List.of(), history, Map.of(), List.of("filesystem:/srv/migrations"));

		assertThat(states.problems()).filteredOn((problem) -> problem.startsWith("Migration location"))
			.containsExactly("Migration location filesystem:/srv/migrations holds no migration file, but the history"
					+ " records migrations as applied (the newest 3, V3__step.sql): the location is wrong or its folder is"
					+ " not there (a volume not mounted, a link to a folder that moved). Correct migrator.locations or mount"
					+ " the folder. Nothing was changed.");
	}

	@Test
	void anEmptyLocationOverAHistoryOfOnlyABaselineOrFailuresIsNoProblemOfItsOwn() {
		List<AppliedMigration> history = List.of(row("1", MigrationType.BASELINE, Status.APPLIED, null), row("2", Status.FAILED));

		MigrationStates states = states(List.of(), history, Map.of(), List.of("filesystem:/srv/migrations"));

		assertThat(states.problems()).noneMatch((problem) -> problem.startsWith("Migration location"));
	}

	@Test
	void aRollbackLandsOnTheAppliedVersionBelowPastRolledBackAndFailedRows() {
		List<AppliedMigration> history = new ArrayList<>(List.of(row("1", Status.APPLIED), row("2", Status.ROLLED_BACK),
				row("3", Status.FAILED), row("4", Status.APPLIED)));
		List<ResolvedMigration> code = List.of(code("1", "c1"), code("2", "c2"), code("3", "c3"), code("4", "c4"));

		MigrationStates states = states(code, history, Map.of(), List.of());

		assertThat(states.versionBelow(v("4"))).isEqualTo(v("1"));
		assertThat(states.versionBelow(v("3"))).isEqualTo(v("1"));
		assertThat(states.versionBelow(v("1"))).isEqualTo(MigrationVersion.EMPTY);
		assertThat(states(code, List.of(row("2", Status.ROLLED_BACK), row("3", Status.APPLIED)), Map.of(), List.of())
			.versionBelow(v("3"))).isEqualTo(MigrationVersion.EMPTY);
	}

}
