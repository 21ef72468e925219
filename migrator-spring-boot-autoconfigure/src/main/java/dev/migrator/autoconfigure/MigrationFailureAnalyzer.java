package dev.migrator.autoconfigure;

import dev.migrator.autoconfigure.MigrationRunner.MigrationStartupException;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says what to do when the application stopped because its start-up migration failed, in a Boot
 * user's words: the Actuator operation and the CLI command, never the engine's Java methods.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationStartupException> {

	private static final String ALTERNATIVES = " To start anyway, with the migrations health DOWN, set "
			+ "migrator.on-failure=continue; to start without migrating, set migrator.enabled=false.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationStartupException cause) {
		Throwable failure = cause.getCause();
		String what = (failure instanceof SchemaNotCurrentException) ? "" : "Migrations failed at start-up: ";
		return new FailureAnalysis(what + failure.getMessage(), action(failure), cause);
	}

	private String action(Throwable failure) {
		if (failure instanceof SchemaNotCurrentException) {
			return "Nothing was changed: with migrator.mode=validate this application only checks the schema. Migrate it "
					+ "first (a Kubernetes Job or init container running the application with "
					+ "migrator.mode=migrate-and-exit, or 'migrator migrate'), then start again. To start anyway, with "
					+ "readiness refusing traffic until the schema is current, set migrator.on-failure=continue; to "
					+ "migrate here, set migrator.mode=migrate.";
		}
		MigratorException.Reason reason = (failure instanceof MigratorException migrator) ? migrator.reason() : null;
		if (reason == MigratorException.Reason.FAILED_MIGRATION_BLOCKS) {
			String version = ((MigratorException) failure).facts().get("version");
			return "Migration " + version + " may have left changes in the database, so it will not run again until"
					+ " it is repaired. " + repairChoice(version) + " Then start the application again." + ALTERNATIVES;
		}
		if (failure instanceof MigrationFailedException) {
			return "Fix the migration at the file and line above; nothing of it stayed in the database, so there is"
					+ " nothing to repair. Then start the application again: it runs the migration again."
					+ ALTERNATIVES;
		}
		if (failure instanceof DownsNotVerifiedException) {
			return "Nothing was migrated. Fix the down named above (it should undo exactly what its up does) or add"
					+ " the missing one, then start the application again; to migrate without checking the downs, set"
					+ " migrator.verify-downs=false and migrator.require-down=false." + ALTERNATIVES;
		}
		if (failure instanceof LockTimeoutException) {
			return "Nothing was changed: another runner held the migration lock (named above). This application"
					+ " waits as long as that runner is alive and its lock heartbeat moves, up to migrator.lock.max-wait;"
					+ " it stopped because the holder was not progressing (frozen, suspended, unreachable), or ran past"
					+ " migrator.lock.max-wait, or holds a lock without a heartbeat (PostgreSQL migrator.lock.mode=session,"
					+ " MySQL/MariaDB), where migrator.lock.wait-timeout is the whole wait. See what that process is"
					+ " doing, raise the property the message names if it is just slow, then start the application again."
					+ ALTERNATIVES;
		}
		if (failure instanceof ValidationException) {
			return "Nothing was changed. Resolve each problem above as it says, then start the application again."
					+ ALTERNATIVES;
		}
		return "Check that the database is reachable and the migrations are readable, then start the "
				+ "application again." + ALTERNATIVES;
	}

	/**
	 * The two ways to repair a failed migration, for a Boot user: the Actuator's repair operation
	 * (once opened with management.endpoint.migrations.access=unrestricted) or the CLI.
	 */
	static String repairChoice(String version) {
		return "If you finished it by hand, mark it applied: POST /actuator/migrations/repair with {\"target\":\""
				+ version + "\"}, or 'migrator repair --mark-applied " + version + "'. If you undid by hand what it did,"
				+ " forget it, and the next migrate runs it again: POST /actuator/migrations/repair, or 'migrator repair'.";
	}

}
