package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;

/** Tells every listener, each in turn; one that throws is logged and skipped, never failing the run. */
final class Listeners {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<MigrationListener> listeners;

	Listeners(List<MigrationListener> listeners) {
		this.listeners = listeners;
	}

	/** A run's work, between its announcements. */
	interface Run {

		RunResult run() throws SQLException;

	}

	/**
	 * Runs {@code work} between run-started and run-finished, telling its result or failure; a
	 * database error becomes a {@link MigratorException} naming the command.
	 */
	RunResult announce(String command, boolean dryRun, Run work) {
		tell((l) -> l.runStarted(command, dryRun));
		try {
			RunResult result = work.run();
			tell((l) -> l.runFinished(command, result, null));
			return result;
		}
		catch (SQLException ex) {
			MigratorException failure = Failures.database(command, ex);
			tell((l) -> l.runFinished(command, null, failure));
			throw failure;
		}
		catch (RuntimeException ex) {
			tell((l) -> l.runFinished(command, null, ex));
			throw ex;
		}
	}

	void tell(Consumer<MigrationListener> event) {
		for (MigrationListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration listener {} failed; the run goes on", listener, ex);
			}
		}
	}

}
