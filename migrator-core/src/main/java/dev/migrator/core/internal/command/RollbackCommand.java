package dev.migrator.core.internal.command;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.lock.LockLease;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/**
 * Runs down migrations in reverse version order, each in its own transaction. Refused up front,
 * touching nothing, when any migration in the range cannot be rolled back.
 */
public final class RollbackCommand {

	private static final Logger logger = LoggerFactory.getLogger(RollbackCommand.class);

	private static final String COMMAND = "rollback";

	private final Session session;

	private final MigrationExecutor executor;

	public RollbackCommand(Session session) {
		this.session = session;
		this.executor = new MigrationExecutor(session.connection(), session.dialect());
	}

	/** Rolls back the newest {@code steps} applied migrations. */
	public RunResult steps(int steps, RunOptions options) {
		if (steps < 1) {
			throw new MigratorException("Cannot roll back " + steps + " steps: give a number of migrations of at least 1");
		}
		return announced(() -> {
			MigrationStates states = this.session.states();
			List<AppliedMigration> applied = states.appliedRows();
			if (steps > applied.size()) {
				throw new ValidationException(List.of("Cannot roll back " + steps + " migrations: only " + applied.size()
						+ " are applied; use rollbackTo(\"0\") to roll back all of them"));
			}
			return run(states, new ArrayList<>(applied.subList(applied.size() - steps, applied.size())), options);
		});
	}

	/** Rolls back every applied migration above {@code target}; {@link MigrationVersion#EMPTY} means all. */
	public RunResult to(MigrationVersion target, RunOptions options) {
		return announced(() -> {
			MigrationStates states = this.session.states();
			if (!target.isEmpty()) {
				AppliedMigration row = states.applied(target);
				if (row == null || row.status() != Status.APPLIED) {
					throw new ValidationException(List.of("Target version " + target + " is not applied (applied: "
							+ states.appliedRows().stream().map((r) -> r.version().toString()).toList()
							+ "); roll back to an applied version, or to 0 for the empty database"));
				}
			}
			List<AppliedMigration> range = new ArrayList<>(
					states.appliedRows().stream().filter((r) -> r.version().compareTo(target) > 0).toList());
			return run(states, range, options);
		});
	}

	/** Runs the body under the lock, between the listeners' run-started and run-finished. */
	@SuppressWarnings("try") // the lease holds the lock until the block ends; nothing reads it
	private RunResult announced(Listeners.Run body) {
		return this.session.listeners().announce(COMMAND, this.session.dryRun(), () -> {
			try (LockLease lease = this.session.lock()) {
				return body.run();
			}
		});
	}

	private RunResult run(MigrationStates states, List<AppliedMigration> range, RunOptions options)
			throws SQLException {
		List<String> problems = new ArrayList<>(states.problems());
		// recorded applied without running (a false precondition marked on-fail=skip): no down to run
		Map<MigrationVersion, String> skipped = SkippedMigrations.of(this.session, range);
		List<AppliedMigration> steps = new ArrayList<>();
		List<ResolvedMigration> downs = new ArrayList<>();
		for (int i = range.size() - 1; i >= 0; i--) {
			AppliedMigration row = range.get(i);
			ResolvedMigration code = states.resolved(row.version());
			steps.add(row);
			if (row.type() == MigrationType.BASELINE) {
				problems.add("Cannot roll back past the baseline " + row.version()
						+ ": the database was already at that version when Migrator took over");
			}
			else if (skipped.containsKey(row.version())) {
				continue;
			}
			else if (code == null || !code.hasDown()) {
				String script = (code != null) ? code.script() : row.script();
				problems.add("Migration " + row.version() + " (" + script + ") has no down migration; add "
						+ ((code == null || code.java() == null) ? "a .down.sql file beside it or a -- migrate:down section"
								: "a down() method")
						+ ", or roll back less");
			}
			else {
				downs.add(code);
			}
		}
		problems.addAll(Requirements.brokenBy(states, range));
		Preflight.checkScripts(this.executor, downs, true, problems);
		if (problems.isEmpty() && !options.allowEmptyDown()) {
			problems.addAll(emptyDowns(downs));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		List<DataLoss> dataLoss = preview(states, steps, skipped);
		if (!options.allowDataLoss() && dataLoss.stream().anyMatch(DataLoss::losesData)) {
			throw refused(states, dataLoss);
		}
		MigrationVersion before = states.current();
		RunBackup backup = RunBackup.take(this.session, before);
		List<MigrationRun> runs = new ArrayList<>();
		for (AppliedMigration row : steps) {
			if (skipped.containsKey(row.version())) {
				runs.add(rollBackSkipped(row, skipped.get(row.version())));
				continue;
			}
			ResolvedMigration migration = states.resolved(row.version());
			boolean transactional = migration.down() == null || migration.down().transactional();
			long start = System.nanoTime();
			this.session.ensureLockHeld("rolling back migration " + row.version() + " (" + row.description() + ")");
			try {
				this.session.transaction(this.session.settings(transactional, migration.down()), migration.script(), () -> {
					this.executor.down(migration);
					this.session.restoreSessionState(migration.script());
					long millis = MigrateCommand.millisSince(start);
					this.session.history()
						.save(this.session.connection(), row.withStatus(Status.ROLLED_BACK, Instant.now(), millis));
					this.session.log(row.version().toString(), row.description(), LogRecord.ROLLBACK, true, null, millis);
					// inside the down's transaction: a lock lost meanwhile rolls it back rather than committing it
					this.session.ensureLockHeld("committing the rollback of migration " + row.version() + " ("
							+ row.description() + ")");
					logger.info("Rolled back migration {} ({}) in {} ms", row.version(), row.description(), millis);
				});
			}
			catch (StepFailure failure) {
				// what the down left committed (outside a transaction, or DDL that commits itself) only the backup undoes
				MigrationExecutor.Progress progress = this.executor.progress();
				String facts = null;
				String restored = null;
				if (!transactional || progress.leftChanges()) {
					facts = progress.ended()
							? "Its down ended the transaction the engine had opened for it, so part of it was committed: "
									+ progress.describe() + "."
							: transactional
							? "Its down was half-applied, because " + this.session.dialect().name()
									+ " commits every DDL statement implicitly: " + progress.describe() + "."
							: "Its down ran outside a transaction: " + progress.describe() + ".";
					restored = backup.restoreAfter("the rollback of " + migration.version()
							+ " failed after the database had committed part of it", states.current());
				}
				throw failed(migration, row, failure, start, runs, facts, restored);
			}
			MigrationRun run = new MigrationRun(migration.version(), migration.description(), migration.type(),
					migration.script(), Duration.ofNanos(System.nanoTime() - start));
			runs.add(run);
			this.session.listeners().tell((l) -> l.migrationRolledBack(run, this.session.dryRun()));
		}
		IntegrityCheck.afterRun(this.session, backup, states.current());
		List<String> warnings = new ArrayList<>(states.warnings());
		warnings.addAll(backup.warnings());
		return new RunResult(before, this.session.currentVersion(), runs, warnings, this.session.dryRun(), null,
				dataLoss, backup.info());
	}

	/**
	 * Downs with no statement: other tools' "nothing to undo". Running one marks its migration rolled
	 * back while its change stays, so the rollback is refused unless the caller allows it.
	 */
	private List<String> emptyDowns(List<ResolvedMigration> downs) {
		List<String> refused = new ArrayList<>();
		for (ResolvedMigration migration : downs) {
			if (migration.java() != null || migration.down() == null) {
				continue;
			}
			try (ScriptStatements statements = ScriptStatements.open(this.session.dialect().splitter(), migration.down())) {
				if (statements.hasNext()) {
					continue;
				}
			}
			catch (IOException | RuntimeException ex) {
				continue; // unreadable downs were reported by the check before
			}
			refused.add("Rollback through " + migration.version() + " refused: its down (" + migration.down().name()
					+ ") is empty or only comments, which says there is nothing to undo; rolling back would mark "
					+ migration.version() + " rolled back while its change stays. Write the down, roll back less, or"
					+ " allow it (allowEmptyDown)");
		}
		return refused;
	}

	/** Marks a migration that was recorded applied without running rolled back, without running its down. */
	private MigrationRun rollBackSkipped(AppliedMigration row, String why) throws SQLException {
		long start = System.nanoTime();
		try {
			this.session.transaction(true, row.script(), () -> {
				long millis = MigrateCommand.millisSince(start);
				this.session.history()
					.save(this.session.connection(), row.withStatus(Status.ROLLED_BACK, Instant.now(), millis));
				this.session.log(row.version().toString(), row.description(), LogRecord.ROLLBACK, true, null, millis);
			});
		}
		catch (StepFailure failure) {
			throw new MigratorException("Rollback of " + row.version() + " (" + row.script()
					+ ") could not be recorded: " + failure.getMessage(), failure);
		}
		logger.info("Rolled back migration {} ({}) without running its down: it was skipped when applied ({})",
				row.version(), row.description(), why);
		MigrationRun run = new MigrationRun(row.version(), row.description(), row.type(), row.script(),
				Duration.ofNanos(System.nanoTime() - start));
		this.session.listeners().tell((l) -> l.migrationRolledBack(run, this.session.dryRun()));
		return run;
	}

	private List<DataLoss> preview(MigrationStates states, List<AppliedMigration> steps, Map<MigrationVersion, String> skipped) {
		DataLossEstimator estimator = new DataLossEstimator(this.session.connection(), this.session.dialect(),
				this.session.settings(true, null));
		List<DataLoss> report = new ArrayList<>();
		for (AppliedMigration row : steps) {
			DataLoss loss = skipped.containsKey(row.version()) ? SkippedMigrations.preview(row.version(), skipped.get(row.version()))
					: estimator.estimate(states.resolved(row.version()));
			report.add(loss);
			logger.info("Rollback preview: {}", loss.describe(states.versionBelow(row.version())));
		}
		return report;
	}

	private static DataLossException refused(MigrationStates states, List<DataLoss> report) {
		StringBuilder message = new StringBuilder(
				"Rollback refused, nothing was changed: it would drop data that exists now:");
		for (DataLoss loss : report) {
			if (loss.losesData()) {
				message.append(System.lineSeparator()).append(" - ").append(loss.describe(states.versionBelow(loss.version())));
			}
		}
		message.append(System.lineSeparator())
			.append("Back the data up or move it first, or run the rollback again allowing data loss (allowDataLoss).");
		return new DataLossException(message.toString(), report);
	}

	/**
	 * @param facts what the down left committed, or null when its transaction took everything back
	 * @param restored what the automatic restore did, or null when there was nothing to restore
	 */
	private MigrationFailedException failed(ResolvedMigration migration, AppliedMigration row, StepFailure failure,
			long start, List<MigrationRun> done, String facts, String restored) {
		String doneEarlier = done.isEmpty() ? ""
				: " Rolled back earlier in this run: " + done.stream().map((r) -> r.version().toString()).toList() + ".";
		String whatHappened;
		if (facts == null) {
			whatHappened = "Its down was rolled back, so " + migration.version() + " stays applied." + doneEarlier;
		}
		else if (RunBackup.restored(restored)) {
			whatHappened = facts + " " + restored;
		}
		else {
			whatHappened = facts + " " + restored + doneEarlier + " The history still says " + migration.version()
					+ " is applied: undo by hand what the statements listed above did, or complete the down by hand.";
		}
		String message = "Rollback of migration " + migration.version() + " (" + migration.description() + ") failed: "
				+ failure.getMessage() + System.lineSeparator() + whatHappened
				+ System.lineSeparator() + "Fix the down script and run the rollback again.";
		MigrationFailedException exception = new MigrationFailedException(message, migration.version(),
				failure.script(), failure.line(), failure);
		try {
			String logEntry = (facts == null) ? failure.getMessage()
					: failure.getMessage() + System.lineSeparator() + facts + " " + restored;
			this.session.log(row.version().toString(), row.description(), LogRecord.ROLLBACK, false, logEntry,
					MigrateCommand.millisSince(start));
		}
		catch (SQLException | RuntimeException ex) {
			exception.addSuppressed(ex);
		}
		logger.error(message);
		MigrationFailure reported = new MigrationFailure(migration.version(), failure.script(), failure.line(),
				failure.getMessage());
		this.session.listeners().tell((l) -> l.migrationFailed(reported, this.session.dryRun()));
		return exception;
	}

}
