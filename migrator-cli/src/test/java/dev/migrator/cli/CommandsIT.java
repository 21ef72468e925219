package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command, through the real jar, on a real SQLite file: what it prints, what it changes, its exit code. */
class CommandsIT {

	@TempDir
	Path directory;

	@Test
	void statusShowsOverviewHistoryStatisticsRollbacksAndBackups() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("002");
		BackupInfo backup = project.engine().backups().get(0);

		CliRun.Result status = project.cli().run("status");

		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.stdout()).contains("Overview", "History", "Statistics", "Rollbacks available", "Backups")
			.containsPattern("Status +1 pending")
			.containsPattern("Current version +002")
			.containsPattern("Applied +2")
			.containsPattern("Rollbacks available +2 \\(back to version 0\\)")
			.containsPattern("Success rate +100% \\(2 of 2 attempts\\)")
			.containsPattern("003 +add audit +- +- +pending")
			.containsPattern("Longest +00[12] ")
			.containsPattern("1 +002 +001 +drops table tags \\(0 rows\\)")
			.containsPattern("2 +001 +0 +drops table tasks \\(1 row")
			.contains(backup.id());
		assertThat(status.stderr()).isEmpty();
		assertAligned(status.stdout(), "VERSION", "APPLIED", "STATUS");
		assertAligned(status.stdout(), "ID", "VERSION", "VERIFIED");
	}

	@Test
	void pendingListsWhatMigrateWouldApply() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");

		CliRun.Result pending = project.cli().run("pending");

		assertThat(pending.exitCode()).as(pending.toString()).isZero();
		assertThat(pending.stdout()).contains("2 pending (current version 001)")
			.containsPattern("002 +add tags +sql +db/migration/002_add_tags.sql")
			.containsPattern("003 +add audit +sql +db/migration/003_add_audit.sql");
	}

	@Test
	void migrateAppliesEveryPendingMigrationAfterABackup() {
		Project project = Project.withThreeMigrations(this.directory);

		CliRun.Result migrate = project.cli().run("migrate");

		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(migrate.stdout()).containsPattern("applied +001 create tasks +\\d+ ms")
			.containsPattern("applied +003 add audit +\\d+ ms")
			.contains("Migrated from version 0 to 003: 3 migrations in")
			.containsPattern("Backup taken before the run: app_\\d{8}_\\d{6}_v0.db \\(verified\\)");
		assertThat(project.engine().info().currentVersion()).hasToString("003");
	}

	@Test
	void migrateToATargetStopsThere() {
		Project project = Project.withThreeMigrations(this.directory);

		CliRun.Result migrate = project.cli().run("migrate", "--target", "002");

		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(project.engine().info().currentVersion()).hasToString("002");
		assertThat(project.cli().run("migrate").stdout()).contains("Migrated from version 002 to 003");
	}

	@Test
	void dryRunReportsAndLeavesTheDatabaseByteForByteUnchanged() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");
		String before = project.databaseChecksum();

		CliRun.Result dryRun = project.cli().run("migrate", "--dry-run");

		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.stdout()).containsPattern("would apply +002 add tags")
			.contains("Dry run: 2 migrations would apply, from version 001 to 003")
			.contains("the database was not changed");
		assertThat(project.databaseChecksum()).isEqualTo(before);
	}

	@Test
	void dryRunThatFindsAFailureExitsOneNamingFileAndLine() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003")
			.migration("004_broken.sql", "CREATE TABLE ok (id INTEGER);\nINSERT INTO missing_table VALUES (1);\n");
		String before = project.databaseChecksum();

		CliRun.Result dryRun = project.cli().run("migrate", "--dry-run");

		assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(1);
		assertThat(dryRun.stderr()).contains("Dry run: migration 004 would fail at", "004_broken.sql:2", "missing_table");
		assertThat(project.databaseChecksum()).isEqualTo(before);
	}

	/**
	 * Up to date, migrate answers from its own check without a status first: the same words as ever,
	 * nothing planned, no backup; a file changed since is still refused, and what is pending still planned.
	 */
	@Test
	void upToDateMigrateSaysSoAndAChangedOrNewFileIsStillSeen() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003");

		CliRun.Result again = project.cli().run("migrate");

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.stdout().strip()).isEqualTo("Up to date at version 003; nothing to migrate.");
		assertThat(again.stderr()).doesNotContain("error");

		project.migration("004_more.sql", "CREATE TABLE more (id INTEGER);\n");
		CliRun.Result pending = project.cli().run("migrate");
		assertThat(pending.exitCode()).as(pending.toString()).isZero();
		assertThat(pending.stdout()).contains("from version 003: 1 to apply", "Migrated from version 003 to 004");

		project.migration("004_more.sql", "CREATE TABLE more (id INTEGER, name TEXT);\n");
		CliRun.Result changed = project.cli().run("migrate");
		assertThat(changed.exitCode()).as(changed.toString()).isNotZero();
		assertThat(changed.stderr()).contains("004_more.sql has changed since it was applied");
		assertThat(project.engine().info().currentVersion()).hasToString("004");
	}

	@Test
	void failedMigrationExitsOneAndSaysWhatToDo() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003")
			.migration("004_broken.sql", "CREATE TABLE ok (id INTEGER);\nINSERT INTO missing_table VALUES (1);\n");

		CliRun.Result migrate = project.cli().run("migrate");

		assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(1);
		assertThat(migrate.stdout()).containsPattern("failed +004 .*004_broken.sql:2");
		assertThat(migrate.stderr()).contains("error: ", "004_broken.sql:2", "missing_table",
				"hint: nothing to repair: fix what the message names, then run 'migrator migrate' again")
			.doesNotContain("repair()");
		assertThat(project.engine().info().currentVersion()).hasToString("003");

		// its transaction rolled back, so the fixed file simply runs
		project.migration("004_broken.sql", "CREATE TABLE ok (id INTEGER);\n");
		CliRun.Result again = project.cli().run("migrate");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(project.engine().info().currentVersion()).hasToString("004");
	}

	@Test
	void migrationThatLeftChangesBlocksUntilRepairMarksItAppliedAndStatusSaysHow() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003")
			.migration("004_half.sql", "-- migrator:no-transaction\nCREATE TABLE half (id INTEGER);\n"
					+ "INSERT INTO missing_table VALUES (1);\n");

		CliRun.Result migrate = project.cli().run("--no-backup", "migrate");

		assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(1);
		assertThat(migrate.stderr()).contains("004_half.sql:3", "ran outside a transaction",
				"hint: finished it by hand? 'migrator repair --mark-applied 004' records it as applied; undid by hand"
						+ " what it did? 'migrator repair' forgets it")
			.doesNotContain("repair()");
		CliRun.Result status = project.cli().run("status");
		assertThat(status.stdout()).contains("migration 004 is partially applied", "'migrator repair --mark-applied 004'")
			.doesNotContain("repair()")
			.doesNotContain("1 pending");
		CliRun.Result refused = project.cli().run("--no-backup", "migrate");
		assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
		assertThat(refused.stderr()).contains("is partially applied", "'migrator repair --mark-applied 004'")
			.doesNotContain("repair()");

		CliRun.Result repair = project.cli().run("repair", "--mark-applied", "004");
		assertThat(repair.exitCode()).as(repair.toString()).isZero();
		assertThat(repair.stdout()).contains("Marked version 004 applied");
		assertThat(project.engine().info().currentVersion()).hasToString("004");
	}

	@Test
	void rollbackThatWouldDropDataIsRefusedWithExitCodeFourAndChangesNothing() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003");
		String before = project.databaseChecksum();

		CliRun.Result rollback = project.cli().run("rollback");

		assertThat(rollback.exitCode()).as(rollback.toString()).isEqualTo(4);
		assertThat(rollback.stderr()).contains("Rollback refused, nothing was changed", "drops table audit (2 rows)",
				"--allow-data-loss");
		assertThat(project.databaseChecksum()).isEqualTo(before);
	}

	@Test
	void rollbackAllowedToLoseDataRunsTheDownsAndSaysWhatWentWithThem() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003");

		CliRun.Result rollback = project.cli().run("rollback", "--to", "001", "--allow-data-loss");

		assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
		assertThat(rollback.stdout()).containsPattern("rolled back +003 add audit")
			.containsPattern("rolled back +002 add tags")
			.contains("Rolled back from version 003 to 001: 2 migrations", "v003 -> v002: drops table audit (2 rows)");
		assertThat(project.engine().info().currentVersion()).hasToString("001");
	}

	@Test
	void rollbackThroughAnEmptyDownIsRefusedUntilAllowed() {
		Project project = Project.withThreeMigrations(this.directory)
			.migration("004_seed.sql", "INSERT INTO tasks (title) VALUES ('seeded');\n-- migrate:down\n-- nothing to undo\n")
			.migratedTo("004");
		String before = project.databaseChecksum();

		CliRun.Result refused = project.cli().run("rollback", "--steps", "1");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(5);
		assertThat(refused.stderr()).contains("Rollback through 004 refused", "004_seed.sql", "--allow-empty-down");
		assertThat(project.databaseChecksum()).isEqualTo(before);

		CliRun.Result allowed = project.cli().run("rollback", "--steps", "1", "--allow-empty-down");

		assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
		assertThat(project.engine().info().currentVersion()).hasToString("003");
	}

	@Test
	void rollbackByStepsAsADryRunChangesNothing() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("002");
		String before = project.databaseChecksum();

		CliRun.Result rollback = project.cli().run("rollback", "--steps", "1", "--dry-run");

		assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
		assertThat(rollback.stdout()).containsPattern("would roll back +002 add tags")
			.contains("Dry run: 1 migration would roll back, from version 002 to 001");
		assertThat(project.databaseChecksum()).isEqualTo(before);
	}

	@Test
	void validateExitsFiveWhenAnAppliedScriptChangedAndRepairRealignsIt() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003");
		assertThat(project.cli().run("validate").stdout()).contains("Valid: 3 migrations checked");
		project.migration("002_add_tags.sql", "-- add tags, edited after it was applied\n" + Project.ADD_TAGS);
		String before = project.databaseChecksum();

		CliRun.Result validate = project.cli().run("validate");

		assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(5);
		assertThat(validate.stderr()).contains("002_add_tags.sql", "has changed since it was applied");
		assertThat(project.databaseChecksum()).isEqualTo(before);

		CliRun.Result repair = project.cli().run("repair");

		assertThat(repair.exitCode()).as(repair.toString()).isZero();
		assertThat(repair.stdout()).contains("Realigned the checksums and descriptions of version 002");
		assertThat(project.engine().validate().migrationsChecked()).isEqualTo(3);
	}

	@Test
	void baselineAdoptsADatabaseBuiltBeforeMigrator() throws Exception {
		Project project = Project.withThreeMigrations(this.directory);
		try (Connection connection = DriverManager.getConnection(project.url());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL)");
			statement.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
		}

		CliRun.Result baseline = project.cli().run("baseline", "--version", "002", "--description", "built by hand");

		assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
		assertThat(baseline.stdout()).contains("Baselined at version 002 (built by hand)");
		assertThat(project.engine().info().currentVersion()).hasToString("002");
		assertThat(project.engine().info().pending()).hasSize(1);
	}

	@Test
	void backupsListsThemAndRestorePutsOneBackAfterASafetyBackup() throws Exception {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001").migratedTo("003");
		List<BackupInfo> backups = project.engine().backups();
		BackupInfo atVersion1 = backups.stream().filter((b) -> b.version().equals("001")).findFirst().orElseThrow();

		CliRun.Result list = project.cli().run("backups");

		assertThat(list.exitCode()).as(list.toString()).isZero();
		assertThat(list.stdout()).containsPattern("ID +DATE +VERSION +SIZE +VERIFIED")
			.containsPattern(atVersion1.id().replace(".", "\\.") + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +001 +[\\d.]+ KiB +yes");

		// a script half-written in the folder must not stand in the way of a restore
		project.migration("004_unfinished.sql", "-- to be written\n");
		CliRun.Result restore = project.cli().run("restore", atVersion1.id());

		assertThat(restore.exitCode()).as(restore.toString()).isZero();
		assertThat(restore.stdout()).contains("Restored backup " + atVersion1.id() + "; the database is at version 001.",
				"The state before the restore is in backup");
		Files.delete(project.migrations().resolve("004_unfinished.sql"));
		assertThat(project.engine().info().currentVersion()).hasToString("001");
	}

	@Test
	void createWritesTheNextNumberedUpDownAndVerifyFilesWithoutADatabase() throws Exception {
		Project project = Project.withThreeMigrations(this.directory);

		CliRun.Result create = new CliRun(this.directory).run("create", "add", "task", "priority");

		assertThat(create.exitCode()).as(create.toString()).isZero();
		assertThat(create.stdout()).contains("Created migration 004 in " + project.migrations().toRealPath(),
				"004_add_task_priority.sql", "004_add_task_priority.down.sql", "004_add_task_priority.verify.sql");
		Path up = project.migrations().resolve("004_add_task_priority.sql");
		Path down = project.migrations().resolve("004_add_task_priority.down.sql");
		assertThat(Files.readString(up)).startsWith("-- add task priority\n");
		assertThat(Files.readString(project.migrations().resolve("004_add_task_priority.verify.sql")))
			.startsWith("-- Checks migration 004 (add task priority)");
		// until the operator writes the SQL, the engine refuses the empty scripts
		Files.writeString(up, "ALTER TABLE tasks ADD COLUMN priority INTEGER;\n", StandardOpenOption.APPEND);
		Files.writeString(down, "ALTER TABLE tasks DROP COLUMN priority;\n", StandardOpenOption.APPEND);
		// an empty database to read the code against: info refuses a file that is not there at all
		java.sql.DriverManager.getConnection(project.url()).close();
		assertThat(project.engine().info().pending()).extracting((m) -> m.version().toString())
			.containsExactly("001", "002", "003", "004");
		assertThat(project.engine().info().migrations().get(3).description()).isEqualTo("add task priority");
	}

	/** The header's columns start where each row's do. */
	private static void assertAligned(String output, String... headers) {
		List<String> lines = output.lines().toList();
		int header = -1;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			boolean all = true;
			for (String name : headers) {
				all &= line.contains(name);
			}
			if (all && line.strip().startsWith(headers[0])) {
				header = i;
				break;
			}
		}
		assertThat(header).as("header with " + List.of(headers) + " in\n" + output).isNotNegative();
		String headerLine = lines.get(header);
		for (int i = header + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
			String row = lines.get(i);
			for (String name : headers) {
				int column = headerLine.indexOf(name);
				assertThat(row.charAt(column - 1)).as("column " + name + " in '" + row + "'").isEqualTo(' ');
				assertThat(row.charAt(column)).as("column " + name + " in '" + row + "'").isNotEqualTo(' ');
			}
		}
	}

}
