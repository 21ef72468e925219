package dev.migrator.autoconfigure;

import dev.migrator.autoconfigure.MigrationRunner.MigrationStartupException;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.ValidationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to do when the application stopped because its start-up migration failed. */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationStartupException> {

	private static final String ALTERNATIVES = " To start anyway, with the migrations health DOWN, set "
			+ "migrator.on-failure=continue; to start without migrating, set migrator.enabled=false.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationStartupException cause) {
		Throwable failure = cause.getCause();
		return new FailureAnalysis("Migrations failed at start-up: " + failure.getMessage(), action(failure), cause);
	}

	private String action(Throwable failure) {
		if (failure instanceof MigrationFailedException) {
			return "Fix the migration at the file and line above; it was rolled back, so the database is as it "
					+ "was before it. Then start the application again." + ALTERNATIVES;
		}
		if (failure instanceof ValidationException) {
			return "Nothing was changed. Resolve each problem above as it says, then start the application again."
					+ ALTERNATIVES;
		}
		return "Check that the database is reachable and the migrations are readable, then start the "
				+ "application again." + ALTERNATIVES;
	}

}
