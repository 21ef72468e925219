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

/**
 * Runs a migrate or rollback on a throwaway copy of the database and reports what happened there,
 * a failure included, with file, line and timings. The real database is only read, to copy it.
 */
public final class DryRunCommand {

	private static final Logger logger = LoggerFactory.getLogger(DryRunCommand.class);

	private final Session session;

	public DryRunCommand(Session session) {
		this.session = session;
	}

	public RunResult migrate(MigrationVersion target) {
		return onCopy((copy) -> new MigrateCommand(copy).run(target));
	}

	public RunResult rollback(int steps, RunOptions options) {
		return onCopy((copy) -> new RollbackCommand(copy).steps(steps, options));
	}

	public RunResult rollbackTo(MigrationVersion target, RunOptions options) {
		return onCopy((copy) -> new RollbackCommand(copy).to(target, options));
	}

	private RunResult onCopy(Function<Session, RunResult> command) {
		Configuration real = this.session.configuration();
		try (DatabaseCopy copy = this.session.dialect().copyForDryRun(this.session.connection(), real)
			.orElseThrow(() -> new MigratorException("A dry run needs a copy of the database, and this "
					+ this.session.dialect().name() + " database cannot be copied here (an in-memory database)"))) {
			MigrationVersion before = this.session.states().current();
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
			List<MigrationListener> listeners = new ArrayList<>(real.listeners());
			listeners.add(collector);
			Configuration onCopy = new Configuration(copy.dataSource(), real.locations(), real.classLoader(),
					real.javaMigrations(), real.table(), real.outOfOrder(), real.transactionMode(), real.failOnStrayFiles(),
					real.ignoreMissingMigrations(), real.lock(),
					real.backup().withEnabled(false), real.integrityCheck(),
					listeners);
			try (Session copySession = Session.open(onCopy, true)) {
				try {
					RunResult result = command.apply(copySession);
					logger.info("Dry run: {} migrations would run, from version {} to {}; the database was not changed",
							result.migrations().size(), result.previousVersion(), result.currentVersion());
					return result;
				}
				catch (MigrationFailedException ex) {
					logger.info("Dry run: migration {} would fail; the database was not changed", ex.version());
					return new RunResult(before, copySession.states().current(), ran, List.of(), true,
							new MigrationFailure(ex.version(), ex.script(), ex.line(), ex.getMessage()), List.of(), null);
				}
			}
		}
		catch (SQLException ex) {
			throw Failures.database("dry run", ex);
		}
	}

}
