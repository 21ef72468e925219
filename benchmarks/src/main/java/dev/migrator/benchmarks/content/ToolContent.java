package dev.migrator.benchmarks.content;

import java.nio.file.Path;
import java.util.List;

import dev.migrator.benchmarks.content.GeneratedMigrations.Migration;

/**
 * One generated set as every tool reads it: a folder per tool, and for raw JDBC the statements
 * themselves with their checksums worked out ahead, so the floor pays for nothing but the database.
 *
 * @param migrations the set
 * @param migrator Migrator's folder ({@code <version>_<description>.sql})
 * @param flyway Flyway's folder ({@code V<version>__<description>.sql})
 * @param liquibase the folder holding Liquibase's {@link GeneratedMigrations#LIQUIBASE_CHANGELOG}
 * @param checksums each migration's checksum, in order, for raw JDBC's history
 */
public record ToolContent(List<Migration> migrations, Path migrator, Path flyway, Path liquibase,
		List<String> checksums) {

	/** Writes the set under {@code root} in every tool's layout. */
	public static ToolContent write(GeneratedMigrations set, Path root) {
		Path migrator = set.writeMigrator(root.resolve("migrator"));
		Path flyway = set.writeFlyway(root.resolve("flyway"));
		Path liquibase = set.writeLiquibase(root.resolve("liquibase")).getParent();
		List<String> checksums = set.migrations().stream().map(Migration::checksum).toList();
		return new ToolContent(set.migrations(), migrator, flyway, liquibase, checksums);
	}

}
