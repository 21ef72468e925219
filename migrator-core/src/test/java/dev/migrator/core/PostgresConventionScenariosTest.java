package dev.migrator.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

class PostgresConventionScenariosTest extends ConventionScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

	@Override
	List<ConventionFolders.Step> steps() {
		return ConventionFolders.postgres();
	}

	/** Through the JDBC driver, which sends a script as one simple query (a CONCURRENTLY one alone). */
	@Override
	void applyDirectly(DatabaseFixture fixture, List<ConventionFolders.Step> steps) throws Exception {
		try (Connection connection = fixture.connect(); Statement statement = connection.createStatement()) {
			for (ConventionFolders.Step step : steps) {
				statement.execute(step.up());
			}
		}
	}

}
