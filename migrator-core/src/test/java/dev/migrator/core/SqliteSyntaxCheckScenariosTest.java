package dev.migrator.core;

import java.nio.file.Path;

class SqliteSyntaxCheckScenariosTest extends SyntaxCheckScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

}
