package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.lock.LockLease;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/** Applies pending migrations in version order, each with its history row in one transaction. */
public final class MigrateCommand {

	private static final Logger logger = LoggerFactory.getLogger(MigrateCommand.class);

	private static final String COMMAND = "migrate";

	private final Session session;

	private final MigrationExecutor executor;

	/** The pending migrations, by script, that run without a transaction because nothing they hold can run in one. */
	private Set<String> outsideTransactions = Set.of();

	public MigrateCommand(Session session) {
		this.session = session;
		this.executor = new MigrationExecutor(session.connection(), session.dialect());
	}

	/** Applies everything pending, or up to and including {@code target} when it is not null. */
	public RunResult run(MigrationVersion target) {
		return this.session.listeners().announce(COMMAND, this.session.dryRun(), () -> doRun(target));
	}

	/**
	 * The up-to-date start alone, for a runner that found the lock held and must not wait for it just to
	 * learn there is nothing to do: the result, announced, or null when the locked way must decide.
	 */
	public RunResult runIfUpToDate() {
		RunResult upToDate;
		try {
			upToDate = upToDateWithoutLock();
		}
		catch (SQLException ex) {
			return null;
		}
		return (upToDate != null) ? this.session.listeners().announce(COMMAND, false, () -> upToDate) : null;
	}

	@SuppressWarnings("try") // the lease holds the lock until the block ends; nothing reads it
	private RunResult doRun(MigrationVersion target) throws SQLException {
		RunResult upToDate = (target == null && !this.session.dryRun()) ? upToDateWithoutLock() : null;
		if (upToDate != null) {
			return upToDate;
		}
		try (LockLease lease = this.session.lock()) {
			return locked(target);
		}
	}

	/**
	 * The start of an application that is up to date, without taking the lock: the history read in
	 * one statement shows only committed runs, and a run commits each migration with its row, so
	 * "nothing pending, nothing wrong" read now stays true under the lock. The lock (on SQLite two
	 * fsyncs of its file, on PostgreSQL a second connection) is then not needed at all. Anything
	 * else, a problem included, is decided under the lock as before.
	 */
	private RunResult upToDateWithoutLock() throws SQLException {
		MigrationStates states;
		try {
			Optional<MigrationVersion> indexed = UpToDateCheck.viaIndex(this.session);
			if (indexed.isPresent()) {
				logger.info("Schema is up to date at version {}; nothing to migrate (checked with the migration index)", indexed.get());
				return nothingToDo(indexed.get(), List.of());
			}
			states = this.session.states();
		}
		catch (SQLException ex) {
			// not readable without the lock (no history yet on a new schema, no current database on
			// MySQL, ...): the locked way creates what is missing or says what is wrong
			logger.debug("Reading the history without the lock failed, taking the lock: {}", ex.getMessage());
			if (!this.session.connection().getAutoCommit()) {
				this.session.connection().rollback();
			}
			return null;
		}
		if (!states.problems().isEmpty() || !states.pending().isEmpty()) {
			return null;
		}
		logger.info("Schema is up to date at version {}; nothing to migrate", states.current());
		return nothingToDo(states.current(), states.warnings());
	}

	// a dry run that found nothing pending is still a dry run: its answer must say so
	private RunResult nothingToDo(MigrationVersion version, List<String> warnings) {
		return new RunResult(version, version, List.of(), warnings, this.session.dryRun(), null, List.of(), null);
	}

	private RunResult locked(MigrationVersion target) throws SQLException {
		// another tool's history, on the first run: stopped here, before any change, or adopted
		new AdoptCommand(this.session).beforeFirstRun();
		MigrationStates states = this.session.statesWithFilesAsRead();
		List<String> problems = new ArrayList<>(states.problems());
		List<ResolvedMigration> pending = pendingUpTo(states, target, problems);
		problems.addAll(Requirements.unmetBefore(states, pending));
		Set<String> outsideTransactions = Preflight.checkScripts(this.executor, pending, false, problems);
		for (ResolvedMigration migration : pending) {
			if (outsideTransactions.contains(migration.script()) && (this.session.rolledBackAtClose()
					|| this.session.configuration().transactionMode() == TransactionMode.ALL)) {
				problems.add(migration.script() + " holds only statements that cannot run inside a transaction, so it runs"
						+ " without one, which " + (this.session.rolledBackAtClose() ? "a dry run on "
								+ this.session.dialect().name() + " (one transaction, rolled back) cannot do; dry-run the"
								+ " migrations before it (a target), or review it by hand"
								: "transaction mode ALL cannot do; use PER_MIGRATION for this run"));
			}
		}
		this.outsideTransactions = outsideTransactions;
		if (this.session.configuration().transactionMode() == TransactionMode.ALL && !pending.isEmpty()
				&& !this.session.dialect().transactionalDdl()) {
			problems.add("Transaction mode ALL needs DDL that takes part in transactions, and "
					+ this.session.dialect().name() + " commits every DDL statement the moment it runs: a failure could "
					+ "not roll back the migrations before it. Use PER_MIGRATION (a failure then restores the backup "
					+ "taken before the run).");
		}
		if (this.session.configuration().transactionMode() == TransactionMode.ALL) {
			pending.stream()
				.filter((m) -> !m.transactional())
				.forEach((m) -> problems.add(m.script() + " is marked -- migrator:no-transaction, which cannot run "
						+ "inside the single transaction of transaction mode ALL; use PER_MIGRATION for this run"));
		}
		if (!problems.isEmpty()) {
			throw refused(states, problems);
		}
		MigrationVersion before = states.current();
		if (pending.isEmpty()) {
			logger.info("Schema is up to date at version {}; nothing to migrate", before);
			return nothingToDo(before, states.warnings());
		}
		this.session.committed(before);
		RunBackup backup = RunBackup.take(this.session, before);
		this.session.history().create(this.session.connection());
		List<MigrationRun> runs = (this.session.configuration().transactionMode() == TransactionMode.ALL)
				? applyAll(states, pending) : applyEach(states, pending, backup);
		IntegrityCheck.afterRun(this.session, backup, states.current());
		MigrationVersion after = this.session.currentVersion();
		List<String> warnings = new ArrayList<>(states.warnings());
		warnings.addAll(backup.warnings());
		return new RunResult(before, after, runs, warnings, this.session.dryRun(), null, List.of(), backup.info());
	}

	/** The run refused; a failed migration among the reasons gets a reason a surface can word its repair for. */
	private static ValidationException refused(MigrationStates states, List<String> problems) {
		List<AppliedMigration> failed = states.failedRows();
		if (failed.isEmpty()) {
			return new ValidationException(problems);
		}
		AppliedMigration first = failed.get(0);
		return new ValidationException(problems, MigratorException.Reason.FAILED_MIGRATION_BLOCKS,
				Map.of("version", first.version().toString(), "script", first.script(), "interrupted",
						String.valueOf(states.interrupted(first.version()))));
	}

	private List<ResolvedMigration> pendingUpTo(MigrationStates states, MigrationVersion target,
			List<String> problems) {
		List<ResolvedMigration> pending = new ArrayList<>(states.pending());
		if (target == null) {
			return pending;
		}
		if (states.resolved(target) == null) {
			problems.add("Target version " + target + " is not a migration in the code; use the version of an existing migration");
		}
		else if (target.compareTo(states.current()) < 0) {
			problems.add("Target version " + target + " is below the current version " + states.current()
					+ "; migrate only goes up: use rollbackTo(" + target + ")");
		}
		// repeatables may use what a later version creates: they wait for a migrate without a target
		pending.removeIf((m) -> m.version().isRepeatable() || m.version().compareTo(target) > 0);
		return pending;
	}

	private List<MigrationRun> applyEach(MigrationStates states, List<ResolvedMigration> pending, RunBackup backup)
			throws SQLException {
		List<MigrationRun> runs = new ArrayList<>();
		MigrationVersion committed = states.current();
		for (ResolvedMigration migration : pending) {
			long start = System.nanoTime();
			boolean marked = needsStartMarker(migration);
			this.session.ensureLockHeld("starting migration " + versionText(states, migration) + " ("
					+ migration.description() + ")");
			try {
				if (marked) {
					markStarted(states, migration);
				}
				this.session.transaction(transactional(migration), migration.script(),
						() -> applyOne(states, migration, start, marked));
			}
			catch (StepFailure failure) {
				throw failed(states, migration, failure, start, runs, backup, marked);
			}
			MigrationRun run = run(migration, start);
			runs.add(run);
			if (!migration.version().isRepeatable() && migration.version().compareTo(committed) > 0) {
				committed = migration.version();
				this.session.committed(committed);
			}
			this.session.listeners().tell((l) -> l.migrationApplied(run, this.session.dryRun()));
		}
		return runs;
	}

	private List<MigrationRun> applyAll(MigrationStates states, List<ResolvedMigration> pending) throws SQLException {
		List<MigrationRun> runs = new ArrayList<>();
		ResolvedMigration[] current = new ResolvedMigration[1];
		long[] start = new long[1];
		try {
			this.session.transaction(true, pending.get(pending.size() - 1).script(), () -> {
				for (ResolvedMigration migration : pending) {
					current[0] = migration;
					start[0] = System.nanoTime();
					applyOne(states, migration, start[0], false);
					runs.add(run(migration, start[0]));
				}
			});
		}
		catch (StepFailure failure) {
			throw failed(states, current[0], failure, start[0], List.of(),
					"All " + pending.size() + " migrations of this run were rolled back (transaction mode ALL).", null, true,
					false);
		}
		runs.forEach((run) -> this.session.listeners().tell((l) -> l.migrationApplied(run, this.session.dryRun())));
		return runs;
	}

	/**
	 * Whether the migration's statements may commit on their own, so that a run killed in it would
	 * leave it half-applied with no trace: outside a transaction, or where DDL commits implicitly.
	 * A transactional migration on SQLite or PostgreSQL leaves nothing when killed (its transaction
	 * rolls back) and gets no marker, so it costs no extra commit.
	 */
	private boolean needsStartMarker(ResolvedMigration migration) {
		return !this.session.dryRun() && (!transactional(migration) || !this.session.dialect().transactionalDdl());
	}

	/**
	 * Commits, before the migration's first statement, a failed history row and a start log entry:
	 * if the run dies in the migration, every later run sees it as partially applied, never as
	 * pending. Success replaces the row; a failure that left nothing puts back the row there was.
	 */
	private void markStarted(MigrationStates states, ResolvedMigration migration) throws StepFailure, SQLException {
		this.session.transaction(true, migration.script(), () -> {
			this.session.history().save(this.session.connection(), row(states, migration, Status.FAILED, 0));
			this.session.log(versionText(states, migration), migration.description(), LogRecord.START, true,
					null, null);
		});
	}

	private void applyOne(MigrationStates states, ResolvedMigration migration, long start, boolean marked)
			throws StepFailure, SQLException {
		String skipped = this.executor.preconditions(migration);
		boolean noOp = false;
		if (skipped == null) {
			this.executor.up(migration);
			noOp = migration.java() == null && this.executor.progress().ran() == 0;
			this.executor.verify(migration);
		}
		this.session.restoreSessionState(migration.script());
		long millis = millisSince(start);
		AppliedMigration row = row(states, migration, Status.APPLIED, millis);
		if (states.applied(migration.version()) == null && !marked) {
			this.session.history().insert(this.session.connection(), row);
		}
		else {
			// its start marker, or a rolled-back row of this version, replaced
			this.session.history().save(this.session.connection(), row);
		}
		// the log's description carries the skip: the history row stays as the code describes the migration
		this.session.log(versionText(states, migration),
				(skipped == null) ? migration.description() : SkippedMigrations.logDescription(migration.description(), skipped),
				LogRecord.MIGRATE, true, null, millis);
		// inside the migration's transaction: a lock lost meanwhile rolls it back rather than committing it twice
		this.session.ensureLockHeld("committing migration " + versionText(states, migration) + " ("
				+ migration.description() + ")");
		if (skipped != null) {
			logger.warn("Recorded migration {} ({}) as applied without running it: {}; a rollback will not run its down",
					migration.version(), migration.description(), skipped);
		}
		else if (noOp) {
			logger.warn("Applied migration {} ({}) as a no-op: {} has only comments; the history records it as applied",
					migration.version(), migration.description(), migration.script());
		}
		else {
			logger.info("Applied migration {} ({}) in {} ms", migration.version(), migration.description(), millis);
		}
	}

	/**
	 * A migration of a per-migration run failed. What it left behind decides what happens: nothing
	 * (its transaction rolled back), or statements the database committed, which only the run's
	 * backup can undo: outside a transaction ({@code -- migrator:no-transaction}), or where DDL
	 * commits implicitly. The error and the log entry then say exactly which statements ran.
	 */
	private MigrationFailedException failed(MigrationStates states, ResolvedMigration migration, StepFailure failure,
			long start, List<MigrationRun> earlier, RunBackup backup, boolean marked) {
		MigrationExecutor.Progress progress = this.executor.progress();
		if (transactional(migration) && !progress.leftChanges()) {
			return failed(states, migration, failure, start, earlier,
					"Nothing of it was applied: its transaction was rolled back.", null, true, marked);
		}
		String facts = progress.ended()
				? "It ended the transaction the engine had opened for it, so part of it was committed: "
						+ progress.describe() + "."
				: transactional(migration)
				? "It was half-applied, because " + this.session.dialect().name()
						+ " commits every DDL statement implicitly: " + progress.describe() + "."
				: "It ran outside a transaction (" + (migration.transactional() ? "it holds only statements that cannot run in"
						+ " one" : "-- migrator:no-transaction") + "): " + progress.describe() + ".";
		String restored = backup.restoreAfter("migration " + migration.version() + " failed after the database had"
				+ " committed part of it", states.current());
		boolean undone = RunBackup.restored(restored);
		return failed(states, migration, failure, start, undone ? List.of() : earlier, facts + " " + restored,
				facts + " " + restored, undone, marked);
	}

	/**
	 * @param earlier migrations of this run that stay applied
	 * @param logged what the log entry says beyond the failure itself, or null for the failure alone
	 * @param nothingLeft whether the database is as before the migration (rolled back, or restored)
	 * @param marked whether its start marker was committed before it ran (see {@link #markStarted})
	 */
	private MigrationFailedException failed(MigrationStates states, ResolvedMigration migration, StepFailure failure,
			long start, List<MigrationRun> earlier, String whatHappened, String logged, boolean nothingLeft,
			boolean marked) {
		long millis = millisSince(start);
		// A failed row means "may have left changes": it blocks every run until repaired. A failure that left
		// nothing gets none (the log keeps it with its error) and the next run simply tries it again.
		String environment = this.session.dryRun() ? null : environmentFailure(failure);
		boolean record = !nothingLeft;
		String next = record
				? ((environment != null) ? environment + " " : "") + "Migrate will not run it again until you repair it:"
						+ " finish by hand what it left and mark it applied, or undo by hand what the statements listed"
						+ " above did and forget it (the next migrate then runs it again)."
				: (environment != null) ? environment
						: "Fix the script, then migrate again: nothing of it stayed, so there is nothing to repair.";
		// A dry run's failure happened on a copy or in a rolled-back transaction: nothing stays, nothing to repair.
		String message = (this.session.dryRun() && failure.transactionEnded())
				? "Migration " + migration.version() + " (" + migration.description() + ") ended the dry run's"
						+ " transaction: " + failure.getMessage() + System.lineSeparator() + (this.session.rolledBackAtClose()
						? "This dry run is not valid: what ran in its transaction before that (this migration's part before"
								+ " its commit, and any migration before it in this dry run, with its history row) was committed"
								+ " to the database. Check the database (info() shows what is recorded), and remove the"
								+ " transaction control from the migration before migrating."
						: "This dry run ran on a copy, so the database was not changed; a real run would commit part of this"
								+ " migration. Remove the transaction control from the migration before migrating.")
				: this.session.dryRun()
				? "Migration " + migration.version() + " (" + migration.description() + ") would fail: "
						+ failure.getMessage() + System.lineSeparator()
						+ "This was a dry run: the database was not changed. Fix the script before migrating."
				: "Migration " + migration.version() + " (" + migration.description() + ") failed: "
						+ failure.getMessage() + System.lineSeparator() + whatHappened
						+ (earlier.isEmpty() ? "" : " Migrations applied earlier in this run stay applied: "
								+ earlier.stream().map((r) -> r.version().toString()).toList() + ".")
						+ System.lineSeparator() + next;
		String logEntry = (logged != null) ? failure.getMessage() + System.lineSeparator() + logged : failure.getMessage();
		MigrationFailedException exception = new MigrationFailedException(message, migration.version(),
				failure.script(), failure.line(), record, failure);
		try {
			this.session.transaction(true, migration.script(), () -> {
				// no read before the first write (a restore created the history tables again): on SQLite in WAL mode a
				// transaction that read first cannot write once the application committed meanwhile (SQLITE_BUSY at once)
				if (record) {
					this.session.history().save(this.session.connection(), row(states, migration, Status.FAILED, millis));
				}
				else if (marked) {
					// nothing stayed: the start marker gives way to the row there was before it, if any
					AppliedMigration before = states.applied(migration.version());
					if (before != null) {
						this.session.history().save(this.session.connection(), before);
					}
					else {
						this.session.history().delete(this.session.connection(), migration.version());
					}
				}
				this.session.log(versionText(states, migration), migration.description(), LogRecord.MIGRATE, false,
						logEntry, millis);
			});
		}
		catch (StepFailure | SQLException | RuntimeException ex) {
			exception.addSuppressed(ex);
		}
		logger.error(message);
		MigrationFailure reported = new MigrationFailure(migration.version(), failure.script(), failure.line(),
				failure.getMessage());
		this.session.listeners().tell((l) -> l.migrationFailed(reported, this.session.dryRun()));
		return exception;
	}

	private boolean transactional(ResolvedMigration migration) {
		return migration.transactional() && !this.outsideTransactions.contains(migration.script());
	}

	/** The dialect's advice when the database's error says the environment failed, not the script; or null. */
	private String environmentFailure(StepFailure failure) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return this.session.dialect().environmentFailure(sql);
			}
		}
		return null;
	}

	private AppliedMigration row(MigrationStates states, ResolvedMigration migration, Status status, long millis) {
		AppliedMigration existing = states.applied(migration.version());
		MigrationVersion version = (existing != null) ? existing.version() : migration.version();
		return new AppliedMigration(version, migration.description(), migration.type(), migration.script(),
				migration.checksum(), status, Instant.now(), this.session.user(), millis);
	}

	/** The version as the history already spells it ("001" stays "001" if a file is renamed "1"). */
	private static String versionText(MigrationStates states, ResolvedMigration migration) {
		AppliedMigration existing = states.applied(migration.version());
		return ((existing != null) ? existing.version() : migration.version()).toString();
	}

	private static MigrationRun run(ResolvedMigration migration, long start) {
		return new MigrationRun(migration.version(), migration.description(), migration.type(), migration.script(),
				Duration.ofNanos(System.nanoTime() - start));
	}

	static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
