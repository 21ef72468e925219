package dev.migrator.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

class MariaDbConventionScenariosTest extends ConventionScenarios {

	/** The index's (or the folders') behaviour is the subject, not the backup each run would make first. */
	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new MariaDbFixture(dir).withoutBackups();
	}

	@Override
	List<ConventionFolders.Step> steps() {
		return ConventionFolders.mariadb();
	}

	/**
	 * As golang-migrate and dbmate do: each script sent whole in one multi-statement call, which the
	 * server parses itself (its triggers and routines included, with no DELIMITER).
	 */
	@Override
	void applyDirectly(DatabaseFixture fixture, List<ConventionFolders.Step> steps) throws Exception {
		MariaDbFixture mariaDb = (MariaDbFixture) fixture;
		try (Connection connection = DriverManager.getConnection(mariaDb.url() + "?allowMultiQueries=true",
				mariaDb.server.user(), mariaDb.server.password()); Statement statement = connection.createStatement()) {
			for (ConventionFolders.Step step : steps) {
				// a comment-only script is no query at all to the server ("Query was empty")
				if (!step.up().strip().startsWith("--") || step.up().strip().contains("\n")) {
					statement.execute(step.up());
				}
			}
		}
	}

}
