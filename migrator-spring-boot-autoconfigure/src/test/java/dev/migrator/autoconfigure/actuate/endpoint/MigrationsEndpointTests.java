package dev.migrator.autoconfigure.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.ApplicationReady;
import dev.migrator.autoconfigure.MigrationStatus;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.SqliteFile;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.ErrorDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.MigrationDetailDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.MigrationsDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.RepairDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.RestoreDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.RunDescriptor;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigrationState;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MigrationsEndpointTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigrationsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=migrations");

	@TempDir
	Path dir;

	@Test
	void isAvailableWhenExposed() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl())
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class));
	}

	@Test
	void backsOffWhenNotExposed() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl(), "management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void backsOffWhenAccessIsNone() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl(), "management.endpoint.migrations.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void backsOffWithNoMigrator() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl(), "migrator.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void reportsPendingMigrationsBeforeTheStartUpRun() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl()).run((context) -> {
			MigrationsDescriptor migrations = context.getBean(MigrationsEndpoint.class).migrations();
			assertThat(migrations.currentVersion()).isEqualTo("0");
			assertThat(migrations.status()).isEqualTo(MigrationStatus.State.PENDING);
			assertThat(migrations.pending()).extracting("version").containsExactly("001", "002");
			assertThat(migrations.applied()).isEmpty();
		});
	}

	@Test
	void reportsTheAppliedHistoryWithRollbackAndDataLossAndTheRecentLog() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			db.execute("INSERT INTO tasks (title) VALUES ('write the docs')");
			MigrationsDescriptor migrations = context.getBean(MigrationsEndpoint.class).migrations();
			assertThat(migrations.currentVersion()).isEqualTo("002");
			assertThat(migrations.convention()).isEqualTo("migrator");
			assertThat(migrations.status()).isEqualTo(MigrationStatus.State.UP_TO_DATE);
			assertThat(migrations.pending()).isEmpty();
			assertThat(migrations.applied()).extracting("version", "state", "rollbackAvailable")
				.containsExactly(tuple("001", MigrationState.APPLIED, true),
						tuple("002", MigrationState.APPLIED, true));
			assertThat(migrations.applied().get(1).dataLoss().rows()).isEqualTo(1);
			assertThat(migrations.log()).extracting("version").containsExactly("002", "001");
			assertThat(migrations.lock().held()).isFalse();
		});
	}

	@Test
	void showsOneMigrationByVersion() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			WebEndpointResponse<Object> response = context.getBean(MigrationsEndpoint.class).migration("1");
			assertThat(response.getStatus()).isEqualTo(200);
			MigrationDetailDescriptor detail = (MigrationDetailDescriptor) response.getBody();
			assertThat(detail.migration().script()).isEqualTo("db/migration/001_create_tasks.sql");
			assertThat(detail.log()).extracting("action").containsExactly("migrate");
		});
	}

	@Test
	void answersNotFoundForAnUnknownVersionAndBadRequestForAMalformedOne() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl()).run((context) -> {
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			assertThat(endpoint.migration("9").getStatus()).isEqualTo(404);
			assertThat(endpoint.migration("v1").getStatus()).isEqualTo(400);
		});
	}

	@Test
	void migratesAsADryRunWithoutChangingTheDatabase() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			WebEndpointResponse<Object> response = context.getBean(MigrationsEndpoint.class)
				.run("migrate", null, null, true, null, null);
			assertThat(response.getStatus()).isEqualTo(200);
			RunDescriptor run = (RunDescriptor) response.getBody();
			assertThat(run.dryRun()).isTrue();
			assertThat(run.migrations()).extracting("version").containsExactly("001", "002");
			assertThat(db.tables()).doesNotContain("tasks");
		});
	}

	@Test
	void migratesToATarget() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			RunDescriptor run = (RunDescriptor) context.getBean(MigrationsEndpoint.class)
				.run("migrate", null, "1", null, null, null)
				.getBody();
			assertThat(run.currentVersion()).isEqualTo("001");
			assertThat(db.columns("tasks")).containsExactly("id", "title");
		});
	}

	@Test
	void refusesARollbackThatWouldLoseDataUnlessAllowed() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			db.execute("INSERT INTO tasks (title) VALUES ('write the docs')");
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			WebEndpointResponse<Object> refused = endpoint.run("rollback", 1, null, null, null, null);
			assertThat(refused.getStatus()).isEqualTo(409);
			assertThat(((ErrorDescriptor) refused.getBody()).dataLoss()).extracting("version").containsExactly("002");
			assertThat(db.columns("tasks")).contains("done");
			WebEndpointResponse<Object> allowed = endpoint.run("rollback", 1, null, null, true, null);
			assertThat(allowed.getStatus()).isEqualTo(200);
			assertThat(((RunDescriptor) allowed.getBody()).currentVersion()).isEqualTo("001");
			assertThat(db.columns("tasks")).containsExactly("id", "title");
		});
	}

	@Test
	void rollsBackToATarget() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			WebEndpointResponse<Object> response = context.getBean(MigrationsEndpoint.class)
				.run("rollback", null, "0", null, null, null);
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(db.tables()).doesNotContain("tasks");
		});
	}

	@Test
	void answersBadRequestForUnclearCommands() {
		this.contextRunner.withPropertyValues(db().dataSourceUrl()).run((context) -> {
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			assertThat(endpoint.run("rollback", null, null, null, null, null).getStatus()).isEqualTo(400);
			assertThat(endpoint.run("rollback", 1, "0", null, null, null).getStatus()).isEqualTo(400);
			assertThat(endpoint.run("rollback", 0, null, null, null, null).getStatus()).isEqualTo(400);
			assertThat(endpoint.run("migrate", 2, null, null, null, null).getStatus()).isEqualTo(400);
			assertThat(endpoint.run("vacuum", null, null, null, null, null).getStatus()).isEqualTo(400);
			assertThat(endpoint.run("repair", 1, null, null, null, null).getStatus()).isEqualTo(400);
			assertThat(((ErrorDescriptor) endpoint.run("rollback", null, null, null, null, null).getBody()).error())
				.contains("either steps", "or target");
		});
	}

	@Test
	void listsAChangedRepeatableAsPendingWithTheChecksumAppliedAndWillReRun() throws Exception {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("V1__create_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n");
		Path view = Files.writeString(migrations.resolve("R__note_view.sql"),
				"DROP VIEW IF EXISTS note_view;\nCREATE VIEW note_view AS SELECT id FROM notes;\n");
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.locations=filesystem:" + migrations)
			.run((context) -> {
				ApplicationReady.publish(context);
				MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
				MigrationsDescriptor applied = endpoint.migrations();
				assertThat(applied.currentVersion()).isEqualTo("1");
				assertThat(applied.applied()).extracting("version", "type", "state")
					.containsExactly(tuple("1", "SQL", MigrationState.APPLIED),
							tuple("R__note_view", "REPEATABLE", MigrationState.APPLIED));
				String checksum = applied.applied().get(1).checksum();
				Files.writeString(view, "DROP VIEW IF EXISTS note_view;\nCREATE VIEW note_view AS SELECT id, body FROM notes;\n");

				MigrationsDescriptor changed = endpoint.migrations();

				assertThat(changed.status()).isEqualTo(MigrationStatus.State.PENDING);
				assertThat(changed.problems()).isEmpty();
				assertThat(changed.pending()).singleElement().satisfies((m) -> {
					assertThat(m.version()).isEqualTo("R__note_view");
					assertThat(m.checksum()).as("the checksum applied").isEqualTo(checksum);
					assertThat(m.note()).startsWith("will re-run: changed since applied");
				});
				WebEndpointResponse<Object> one = endpoint.migration("R__note_view");
				assertThat(one.getStatus()).isEqualTo(200);
				assertThat(((MigrationDetailDescriptor) one.getBody()).migration().script()).endsWith("R__note_view.sql");
			});
	}

	@Test
	void refusesARollbackThroughAnEmptyDownUnlessAllowed() throws Exception {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("001_create_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
		Files.writeString(migrations.resolve("002_seed.sql"), "INSERT INTO notes VALUES (1);\n-- migrate:down\n-- nothing to undo\n");
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "migrator.locations=filesystem:" + migrations)
			.run((context) -> {
				ApplicationReady.publish(context);
				MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
				java.util.List<String> before = db.dump();
				WebEndpointResponse<Object> refused = endpoint.run("rollback", 1, null, null, null, null);
				assertThat(refused.getStatus()).isEqualTo(409);
				assertThat(((ErrorDescriptor) refused.getBody()).error()).contains("002_seed.sql",
						"is empty or only comments", "allowEmptyDown");
				assertThat(db.dump()).isEqualTo(before);
				WebEndpointResponse<Object> allowed = endpoint.run("rollback", 1, null, null, null, true);
				assertThat(allowed.getStatus()).isEqualTo(200);
				assertThat(((RunDescriptor) allowed.getBody()).currentVersion()).isEqualTo("001");
				assertThat(endpoint.run("migrate", null, null, null, null, true).getStatus()).isEqualTo(400);
			});
	}

	@Test
	void aFailureThatLeftNothingNeedsNoRepairItsFixRunsOnTheNextMigrate() throws Exception {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("001_create_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
		Path broken = Files.writeString(migrations.resolve("002_fill_notes.sql"), "INSERT INTO no_such_table VALUES (1);\n");
		this.contextRunner
			.withPropertyValues(db().dataSourceUrl(), "migrator.locations=filesystem:" + migrations,
					"migrator.on-failure=continue")
			.run((context) -> {
				ApplicationReady.publish(context);
				MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
				// the attempt failed, and the status says so; but nothing of it stayed, so nothing blocks
				assertThat(endpoint.migrations().status()).isEqualTo(MigrationStatus.State.FAILED);
				assertThat(endpoint.migrations().reasons()).noneMatch((reason) -> reason.contains("repair()"));
				Files.writeString(broken, "INSERT INTO notes VALUES (1);\n");
				assertThat(endpoint.run("migrate", null, null, null, null, null).getStatus()).isEqualTo(200);
				assertThat(endpoint.migrations().status()).isEqualTo(MigrationStatus.State.UP_TO_DATE);
			});
	}

	@Test
	void repairMarksAMigrationThatLeftChangesAppliedWhenTargetNamesIt() throws Exception {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("001_create_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
		// outside a transaction, with no backup to restore: its first statement stays
		Files.writeString(migrations.resolve("002_half.sql"), "-- migrator:no-transaction\n"
				+ "CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
		this.contextRunner
			.withPropertyValues(db().dataSourceUrl(), "migrator.locations=filesystem:" + migrations,
					"migrator.on-failure=continue", "migrator.backup.enabled=false")
			.run((context) -> {
				ApplicationReady.publish(context);
				MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
				MigrationsDescriptor status = endpoint.migrations();
				assertThat(status.status()).isEqualTo(MigrationStatus.State.FAILED);
				assertThat(String.join("\n", status.reasons())).contains("Migration 002")
					.contains("is partially applied")
					.contains("POST /actuator/migrations/repair with {\"target\":\"002\"}")
					.contains("'migrator repair --mark-applied 002'")
					.doesNotContain("repair()");
				assertThat(endpoint.run("migrate", null, null, null, null, null).getStatus()).isEqualTo(409);

				// finished by hand: the statement that failed, done right
				WebEndpointResponse<Object> repair = endpoint.run("repair", null, "002", null, null, null);
				assertThat(repair.getStatus()).isEqualTo(200);
				assertThat(((RepairDescriptor) repair.getBody()).markedApplied()).containsExactly("002");
				assertThat(endpoint.run("migrate", null, null, null, null, null).getStatus()).isEqualTo(200);
				assertThat(endpoint.migrations().currentVersion()).isEqualTo("002");
				assertThat(endpoint.run("repair", null, "001", null, null, null).getStatus())
					.as("only a failed migration can be marked applied").isEqualTo(409);
			});
	}

	@Test
	void restoresABackupAfterASafetyBackupOfTheCurrentState() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			assertThat(endpoint.run("migrate", null, "1", null, null, null).getStatus()).isEqualTo(200);
			db.execute("INSERT INTO tasks (title) VALUES ('before the backup')");
			// this migrate takes the backup of version 001 with that row
			assertThat(endpoint.run("migrate", null, null, null, null, null).getStatus()).isEqualTo(200);
			db.execute("INSERT INTO tasks (title, done) VALUES ('after the backup', 1)");
			BackupInfo atOne = endpoint.migrations()
				.backups()
				.stream()
				.filter((backup) -> backup.version().equals("001"))
				.findFirst()
				.orElseThrow();

			WebEndpointResponse<Object> response = endpoint.run("restore", null, atOne.id(), null, null, null);

			assertThat(response.getStatus()).isEqualTo(200);
			RestoreDescriptor restore = (RestoreDescriptor) response.getBody();
			assertThat(restore.restored().id()).isEqualTo(atOne.id());
			assertThat(restore.currentVersion()).isEqualTo("001");
			assertThat(restore.safetyBackup().version()).isEqualTo("002");
			assertThat(db.columns("tasks")).containsExactly("id", "title");
			assertThat(db.strings("SELECT title FROM tasks")).containsExactly("before the backup");
			assertThat(endpoint.migrations().backups()).extracting(BackupInfo::id)
				.contains(restore.safetyBackup().id());
			assertThat(endpoint.migrations().currentVersion()).isEqualTo("001");
		});
	}

	@Test
	void refusesARestoreOfAnUnknownBackupOrWithoutOneNamed() {
		SqliteFile db = db();
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			java.util.List<String> before = db.dump();
			WebEndpointResponse<Object> unknown = endpoint.run("restore", null, "no-such-backup.db", null, null, null);
			assertThat(unknown.getStatus()).isEqualTo(404);
			assertThat(((ErrorDescriptor) unknown.getBody()).error()).contains("No backup 'no-such-backup.db'",
					"GET /actuator/migrations lists the backups");
			assertThat(endpoint.run("restore", null, "../migrator.db", null, null, null).getStatus()).isEqualTo(404);
			WebEndpointResponse<Object> missing = endpoint.run("restore", null, null, null, null, null);
			assertThat(missing.getStatus()).isEqualTo(400);
			assertThat(((ErrorDescriptor) missing.getBody()).error()).contains("restore needs target");
			String anId = endpoint.migrations().backups().get(0).id();
			assertThat(endpoint.run("restore", 1, anId, null, null, null).getStatus()).isEqualTo(400);
			assertThat(endpoint.run("restore", null, anId, true, null, null).getStatus())
				.as("a restore has no dry run; it must not run for real either").isEqualTo(400);
			assertThat(db.dump()).isEqualTo(before);
		});
	}

	private SqliteFile db() {
		return SqliteFile.in(this.dir);
	}

}
