package dev.migrator.maven;

import org.apache.maven.plugin.logging.Log;

import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.RunResult;

/**
 * What a run did, in the build's log. The engine logs each migration itself (through SLF4J, into
 * Maven's log); this adds the summary a build reader looks for.
 */
final class Report {

	private Report() {
	}

	static void backup(Log log, RunResult result) {
		if (result.backup() != null) {
			log.info("Backup taken before the run: " + result.backup().id() + (result.backup().verified() ? " (verified)" : ""));
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
