package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.migrator.autoconfigure.MigrationRunner.MigrationStartupException;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;

import org.springframework.boot.diagnostics.FailureAnalysis;

/** The failure analysis words the next step for a Boot user, from the engine's reason, never its Java methods. */
class MigrationFailureAnalyzerTests {

	private final MigrationFailureAnalyzer analyzer = new MigrationFailureAnalyzer();

	@Test
	void aFailureThatLeftNothingSaysFixAndRestartWithNoRepair() {
		FailureAnalysis analysis = analyze(new MigrationFailedException("Migration 2 (fill) failed: 2_fill.sql:3: boom",
				MigrationVersion.parse("2"), "2_fill.sql", 3, false, null));

		assertThat(analysis.getAction()).contains("nothing to repair").contains("start the application again")
			.doesNotContain("repair()")
			.doesNotContain("POST /actuator");
	}

	@Test
	void aFailureThatLeftChangesNamesTheActuatorOperationAndTheCliCommand() {
		FailureAnalysis analysis = analyze(new MigrationFailedException("Migration 2 (half) failed: ...",
				MigrationVersion.parse("2"), "2_half.sql", 3, true, null));

		assertThat(analysis.getAction()).contains("Migration 2 may have left changes")
			.contains("POST /actuator/migrations/repair with {\"target\":\"2\"}")
			.contains("'migrator repair --mark-applied 2'")
			.contains("POST /actuator/migrations/repair, or 'migrator repair'")
			.doesNotContain("repair()");
	}

	@Test
	void aRunRefusedForAnInterruptedMigrationNamesTheRepairChoiceToo() {
		FailureAnalysis analysis = analyze(new ValidationException(List.of("Migration 3 (3_index.sql) is partially"
				+ " applied: a run started it at ... and was interrupted"), MigratorException.Reason.FAILED_MIGRATION_BLOCKS,
				Map.of("version", "3", "script", "3_index.sql", "interrupted", "true")));

		assertThat(analysis.getAction()).contains("'migrator repair --mark-applied 3'")
			.contains("POST /actuator/migrations/repair")
			.doesNotContain("repair()");
		assertThat(analysis.getDescription()).contains("partially applied");
	}

	@Test
	void aLockWaitThatGaveUpSaysNothingChangedAndNamesTheLockProperties() {
		FailureAnalysis analysis = analyze(new LockTimeoutException("Timed out after 2m 00s waiting for the migration"
				+ " lock on app.db: held by host web-1, pid 42, since 2026-12-03T10:00:00Z (for 2m 01s), whose heartbeat"
				+ " has not moved for 31.0s (more than the lease, 30.0s): the holder is not progressing", "web-1", 42L,
				Instant.parse("2026-12-03T10:00:00Z")));

		assertThat(analysis.getDescription()).contains("the holder is not progressing", "pid 42");
		assertThat(analysis.getAction()).startsWith("Nothing was changed")
			.contains("migrator.lock.max-wait", "migrator.lock.wait-timeout", "migrator.lock.mode=session",
					"start the application again", "migrator.on-failure=continue")
			.doesNotContain("database is reachable");
	}

	private FailureAnalysis analyze(RuntimeException failure) {
		return this.analyzer.analyze(new MigrationStartupException(failure));
	}

}
