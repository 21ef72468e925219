package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.RunResult;

/**
 * Other tools' migration folders, applied by Migrator as they are: the same project written in each
 * convention gives the same schema and data as its scripts run directly by the database's own client.
 */
abstract class ConventionScenarios {

	static final Map<String, String> SHOWN = Map.of("migrator", "migrator", "flyway", "Flyway", "golang-migrate",
			"golang-migrate", "diesel", "diesel", "dbmate", "dbmate", "goose", "goose", "sql-migrate", "sql-migrate",
			"liquibase", "Liquibase formatted SQL");

	@TempDir
	Path dir;

	/** A fresh database of the engine, with its migrations folder below {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	/** The project's migrations in this engine's SQL. */
	abstract List<ConventionFolders.Step> steps();

	/** Runs every up script straight through the database's own client (or JDBC), with no tool. */
	abstract void applyDirectly(DatabaseFixture fixture, List<ConventionFolders.Step> steps) throws Exception;

	@Test
	void everyToolsFolderAppliesAsItIsAndGivesTheSchemaOfItsScriptsRunDirectly() throws Exception {
		DatabaseFixture direct = fixture(Files.createDirectories(this.dir.resolve("direct")));
		applyDirectly(direct, steps());
		List<String> expected = applicationDump(direct);
		assertThat(expected).isNotEmpty();
		for (String tool : ConventionFolders.TOOLS) {
			DatabaseFixture fx = fixture(Files.createDirectories(this.dir.resolve(tool)));
			ConventionFolders.write(tool, fx.migrations, steps());

			RunResult run = fx.migrator().migrate();

			assertThat(run.migrations()).as(tool).hasSize(steps().size());
			assertThat(applicationDump(fx)).as(tool + ": schema and data against the scripts run directly")
				.containsExactlyElementsOf(expected);
			InfoResult info = fx.migrator().info();
			assertThat(info.convention()).as(tool).isEqualTo(SHOWN.get(tool));
			assertThat(info.applied()).as(tool).hasSize(steps().size());
			assertThat(info.migrations()).as(tool + ": every down read, empty ones too")
				.allMatch(MigrationInfo::rollbackAvailable);
			assertThat(fx.migrator().migrate().migrations()).as(tool + ": a second run has nothing to do").isEmpty();
		}
	}

	/** The application's schema and rows: the history tables left out, and the name of a test's own schema. */
	static List<String> applicationDump(DatabaseFixture fx) throws Exception {
		String schema = (fx instanceof PostgresFixture pg) ? pg.schema + "." : "\0";
		return fx.dump().stream().filter((line) -> !line.contains("schema_migrations"))
			.map((line) -> line.replace(schema, ""))
			.toList();
	}

}
