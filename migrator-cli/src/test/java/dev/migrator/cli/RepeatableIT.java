package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's repeatable migrations through the command line: applied after the versioned ones, listed
 * by status, pending and a dry run as "will re-run: changed" once their file changes, run again once.
 */
class RepeatableIT {

	private static final String VIEW = "DROP VIEW IF EXISTS open_tasks;\nCREATE VIEW open_tasks AS SELECT id, title FROM tasks;\n";

	@TempDir
	Path directory;

	@Test
	void aChangedRepeatableIsListedAsWillReRunAndRunsOnce() {
		Project project = new Project(this.directory)
			.migration("V1__create_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT, done INTEGER);\n")
			.migration("R__open_tasks.sql", VIEW);

		CliRun.Result first = project.cli().run("migrate");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.stdout()).contains("R__open_tasks", "open tasks", "Migrated from version 0 to 1: 2 migrations");

		project.migration("R__open_tasks.sql", VIEW.replace("FROM tasks", "FROM tasks WHERE done = 0"));
		CliRun.Result status = project.cli().run("status");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.stdout()).containsPattern("R__open_tasks\\s+open tasks\\s+.*will re-run: changed");
		CliRun.Result pending = project.cli().run("pending");
		assertThat(pending.stdout()).contains("1 pending (current version 1)", "repeatable (will re-run: changed)");
		String before = project.databaseChecksum();
		CliRun.Result dryRun = project.cli().run("migrate", "--dry-run");
		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.stdout()).contains("R__open_tasks");
		assertThat(project.databaseChecksum()).isEqualTo(before);

		CliRun.Result again = project.cli().run("migrate");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.stdout()).contains("R__open_tasks", "1 migration");
		CliRun.Result once = project.cli().run("migrate");
		assertThat(once.stdout()).contains("Up to date at version 1");
		System.out.println(String.join("\n---\n", first.stdout(), status.stdout(), pending.stdout(), dryRun.stdout(),
				again.stdout(), once.stdout()));
	}

}
