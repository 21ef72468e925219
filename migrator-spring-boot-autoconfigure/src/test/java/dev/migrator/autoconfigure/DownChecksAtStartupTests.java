package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.MigrationRunner.MigrationStartupException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code migrator.verify-downs} and {@code migrator.require-down}, as the CLI's migrate options, on a real SQLite file. */
@ExtendWith(OutputCaptureExtension.class)
class DownChecksAtStartupTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class))
		.withPropertyValues("migrator.run-on=startup");

	@TempDir
	Path dir;

	@Test
	void verifyDownsTriesEachPendingDownThenMigrates(CapturedOutput output) throws Exception {
		SqliteFile db = SqliteFile.in(this.dir);
		Path migrations = migrations("001_tasks.sql", "CREATE TABLE tasks (id INTEGER);\n-- migrate:down\nDROP TABLE tasks;\n");
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.locations=filesystem:" + migrations,
				"migrator.verify-downs=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.tables()).contains("tasks");
			});
		assertThat(output).contains("The downs of 1 pending migration were tried", "each restores the schema");
	}

	@Test
	void verifyDownsRefusesADownThatLeavesTheSchemaDifferentAndMigratesNothing() throws Exception {
		SqliteFile db = SqliteFile.in(this.dir);
		Path migrations = migrations("001_tasks.sql",
				"CREATE TABLE tasks (id INTEGER);\nCREATE TABLE tags (id INTEGER);\n-- migrate:down\nDROP TABLE tasks;\n");
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.locations=filesystem:" + migrations,
				"migrator.verify-downs=true")
			.run((context) -> {
				assertThat(context).getFailure()
					.hasCauseInstanceOf(MigrationStartupException.class)
					.rootCause()
					.isInstanceOf(DownsNotVerifiedException.class)
					.hasMessageContaining("the down of migration 001 (tasks) does not restore the schema")
					.hasMessageContaining("tags")
					.hasMessageContaining("Nothing was migrated");
				assertThat(db.tables()).doesNotContain("tasks", "tags");
			});
	}

	@Test
	void requireDownRefusesAPendingMigrationWithoutADown() throws Exception {
		SqliteFile db = SqliteFile.in(this.dir);
		Path migrations = migrations("001_tasks.sql", "CREATE TABLE tasks (id INTEGER);\n");
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.locations=filesystem:" + migrations,
				"migrator.require-down=true")
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(DownsNotVerifiedException.class)
					.hasMessageContaining("migration 001 (tasks) has no down, which migrator.require-down refuses");
				assertThat(db.tables()).doesNotContain("tasks");
				assertThat(new MigrationFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.startsWith("Nothing was migrated")
					.contains("add the missing one", "migrator.require-down=false");
			});
	}

	@Test
	void withoutRequireDownAMissingDownDoesNotStopVerifyDowns() throws Exception {
		SqliteFile db = SqliteFile.in(this.dir);
		Path migrations = migrations("001_tasks.sql", "CREATE TABLE tasks (id INTEGER);\n");
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.locations=filesystem:" + migrations,
				"migrator.verify-downs=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.tables()).contains("tasks");
			});
	}

	@Test
	void bothAreOffByDefault() {
		MigratorProperties properties = new MigratorProperties();
		assertThat(properties.isVerifyDowns()).isFalse();
		assertThat(properties.isRequireDown()).isFalse();
	}

	private Path migrations(String name, String script) throws Exception {
		Path folder = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(folder.resolve(name), script);
		return folder;
	}

}
