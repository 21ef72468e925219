package dev.migrator.core;

import java.nio.file.Path;

class PostgresSyntaxCheckScenariosTest extends SyntaxCheckScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

}
