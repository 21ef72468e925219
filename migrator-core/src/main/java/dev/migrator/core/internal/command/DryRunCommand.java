package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.internal.dialect.DatabaseCopy;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/**
 * Runs a migrate or rollback without changing the database and reports what happened, a failure
 * included, with file, line and timings: on a throwaway copy of the database (SQLite), or on the
 * database itself in one transaction that is rolled back at the end (PostgreSQL), as the dialect
 * says. The copy is refused nothing; the transaction refuses {@code -- migrator:no-transaction}
 * migrations up front, since they cannot run inside it.
 */
public final class DryRunCommand {

	private static final Logger logger = LoggerFactory.getLogger(DryRunCommand.class);

	private final Session session;

	public DryRunCommand(Session session) {
		this.session = session;
	}

	public RunResult migrate(MigrationVersion target) {
		return dryRun((states) -> states.pending().stream()
			.filter((m) -> target == null || m.version().compareTo(target) <= 0)
			.filter((m) -> !m.transactional())
			.map(ResolvedMigration::script)
			.toList(), (other) -> new MigrateCommand(other).run(target));
	}

	public RunResult rollback(int steps, RunOptions options) {
		return dryRun((states) -> {
			List<AppliedMigration> applied = states.appliedRows();
			return noTransactionDowns(states, applied.subList(Math.max(0, applied.size() - steps), applied.size()));
		}, (other) -> new RollbackCommand(other).steps(steps, options));
	}

	public RunResult rollbackTo(MigrationVersion target, RunOptions options) {
		return dryRun((states) -> noTransactionDowns(states,
				states.appliedRows().stream().filter((r) -> r.version().compareTo(target) > 0).toList()),
				(other) -> new RollbackCommand(other).to(target, options));
	}

	private static List<String> noTransactionDowns(MigrationStates states, List<AppliedMigration> range) {
		List<String> scripts = new ArrayList<>();
		for (AppliedMigration row : range) {
			ResolvedMigration code = states.resolved(row.version());
			if (code != null && code.down() != null && !code.down().transactional()) {
				scripts.add(code.down().name() + " (down)");
			}
		}
		return scripts;
	}

	/** What the run would execute outside a transaction, as script names: found before anything runs. */
	private interface NoTransactionScripts {

		List<String> find(MigrationStates states) throws SQLException;

	}

	private RunResult dryRun(NoTransactionScripts noTransaction, Function<Session, RunResult> command) {
		Dialect dialect = this.session.dialect();
		try {
			return switch (dialect.dryRunMethod()) {
				case COPY -> onCopy(command);
				case ROLLED_BACK_TRANSACTION -> inRolledBackTransaction(noTransaction, command);
				case UNSUPPORTED -> throw new MigratorException("A dry run is not possible on " + dialect.name()
						+ ": its DDL commits on its own, so no transaction can hold it back, and Migrator cannot copy the"
						+ " database; try the migrations on a copy you make yourself");
			};
		}
		catch (SQLException ex) {
			throw Failures.database("dry run", ex);
		}
	}

	private RunResult onCopy(Function<Session, RunResult> command) throws SQLException {
		Configuration real = this.session.configuration();
		try (DatabaseCopy copy = this.session.dialect().copyForDryRun(this.session.connection(), real)
			.orElseThrow(() -> new MigratorException("A dry run needs a copy of the database, and this "
					+ this.session.dialect().name() + " database cannot be copied here (an in-memory database)"))) {
			return run(real.withDataSource(copy.dataSource()), false, command);
		}
	}

	private RunResult inRolledBackTransaction(NoTransactionScripts noTransaction, Function<Session, RunResult> command)
			throws SQLException {
		List<String> refused = noTransaction.find(this.session.states());
		if (!refused.isEmpty()) {
			throw new MigratorException("A dry run on " + this.session.dialect().name() + " runs in one transaction that"
					+ " is rolled back, and " + String.join(", ", refused)
					+ ((refused.size() == 1) ? " is" : " are") + " marked -- migrator:no-transaction, which cannot run"
					+ " inside it; nothing was run. Dry-run up to the migration before it (a target), or review it by hand.");
		}
		return run(this.session.configuration(), true, command);
	}

	private RunResult run(Configuration configuration, boolean rolledBack, Function<Session, RunResult> command)
			throws SQLException {
		MigrationVersion before = this.session.currentVersion();
		List<MigrationRun> ran = new ArrayList<>();
		MigrationListener collector = new MigrationListener() {

			@Override
			public void migrationApplied(MigrationRun run, boolean dryRun) {
				ran.add(run);
			}

			@Override
			public void migrationRolledBack(MigrationRun run, boolean dryRun) {
				ran.add(run);
			}

		};
		List<MigrationListener> listeners = new ArrayList<>(configuration.listeners());
		listeners.add(collector);
		Configuration dryRunConfiguration = configuration.withListeners(listeners)
			.withBackup(configuration.backup().withEnabled(false));
		try (Session other = rolledBack ? Session.openRolledBackAtClose(dryRunConfiguration)
				: Session.open(dryRunConfiguration, true)) {
			try {
				RunResult result = command.apply(other);
				logger.info("Dry run: {} migrations would run, from version {} to {}; the database was not changed",
						result.migrations().size(), result.previousVersion(), result.currentVersion());
				return result;
			}
			catch (MigrationFailedException ex) {
				if (ex.getCause() instanceof StepFailure failure && failure.transactionEnded() && rolledBack) {
					logger.warn("Dry run: migration {} committed the dry run's transaction; the dry run is not valid",
							ex.version());
				}
				else {
					logger.info("Dry run: migration {} would fail; the database was not changed", ex.version());
				}
				return new RunResult(before, other.currentVersion(), ran, List.of(), true,
						new MigrationFailure(ex.version(), ex.script(), ex.line(), ex.getMessage()), List.of(), null);
			}
		}
	}

}
