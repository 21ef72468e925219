package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

class SqliteConventionScenariosTest extends ConventionScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	@Override
	List<ConventionFolders.Step> steps() {
		return ConventionFolders.sqlite();
	}

	/** Through the sqlite3 command-line shell, which reads a script as it is. */
	@Override
	void applyDirectly(DatabaseFixture fixture, List<ConventionFolders.Step> steps) throws Exception {
		StringBuilder script = new StringBuilder(".bail on\n");
		steps.forEach((step) -> script.append(step.up()).append('\n'));
		Process sqlite3 = new ProcessBuilder("sqlite3", ((SqliteFixture) fixture).db.toString()).redirectErrorStream(true)
			.start();
		sqlite3.getOutputStream().write(script.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		sqlite3.getOutputStream().close();
		String output = new String(sqlite3.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(sqlite3.waitFor()).as(output).isZero();
	}

}
