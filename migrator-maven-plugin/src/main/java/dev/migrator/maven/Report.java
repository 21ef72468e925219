package dev.migrator.maven;

import org.apache.maven.plugin.logging.Log;

import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunResult;

/** What a run did, one line per migration, in the build's log. */
final class Report {

	private final Log log;

	Report(Log log) {
		this.log = log;
	}

	void run(RunResult result, String verb) {
		for (MigrationRun migration : result.migrations()) {
			this.log.info("  " + verb + " " + migration.version() + " " + migration.description() + " ("
					+ migration.duration().toMillis() + " ms)");
		}
		if (result.backup() != null) {
			this.log.info("Backup taken before the run: " + result.backup().id()
					+ (result.backup().verified() ? " (verified)" : ""));
		}
	}

	static String count(RunResult result) {
		int size = result.migrations().size();
		return size + (size == 1 ? " migration" : " migrations");
	}

	/** A dry run's failure: where it failed and why; the database was not changed. */
	static String dryRunFailure(MigrationFailure failure) {
		return "Dry run: migration " + failure.version() + " would fail at " + failure.script()
				+ ((failure.line() > 0) ? ":" + failure.line() : "") + "; the database was not changed. "
				+ failure.message();
	}

}
