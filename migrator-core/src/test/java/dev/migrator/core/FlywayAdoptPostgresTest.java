package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.testing.PostgresServer;

/**
 * A PostgreSQL database built by the real Flyway library, taken over by Migrator: the first run
 * stops and says how to adopt; adopting imports Flyway's history without re-running anything,
 * checks Flyway's checksums, refuses a failed row, and never touches flyway_schema_history.
 */
class FlywayAdoptPostgresTest {

	@TempDir
	Path dir;

	PostgresFixture fx;

	List<ConventionFolders.Step> steps = ConventionFolders.postgres();

	List<String> flywayHistory;

	Path flywayOnly;

	@BeforeEach
	void builtByFlyway() throws Exception {
		this.fx = new PostgresFixture(this.dir);
		Path flywayOnly = Files.createDirectories(this.dir.resolve("flyway"));
		this.flywayOnly = flywayOnly;
		ConventionFolders.write("flyway", flywayOnly, this.steps.subList(0, 13));
		try (var files = Files.list(flywayOnly)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("U")).toList()) {
				Files.delete(file); // Flyway's free edition has no undo: its project has only the V files
			}
		}
		flywayMigrate();
		// Migrator reads the same project, with the downs written since
		ConventionFolders.write("flyway", this.fx.migrations, this.steps.subList(0, 13));
		this.flywayHistory = flywayHistory();
		assertThat(this.flywayHistory).hasSize(13);
	}

	@Test
	void theFirstRunStopsBeforeAnyChangeNamingTheToolTheTableAndTheSetting() throws Exception {
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("This database holds Flyway's flyway_schema_history history: 13 versions applied (1.1 to 1.13")
			.hasMessageContaining("by postgres); these would be imported. Migrator has no history here yet, so it would"
					+ " apply every migration again; nothing was changed.")
			.hasMessageContaining("set migrator.adopt=flyway (Builder.adopt(\"flyway\")), then migrate again");
		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.tables()).doesNotContain("schema_migrations");
		assertThat(this.fx.migrator().status().warnings()).as("status says why everything looks pending")
			.anySatisfy((w) -> assertThat(w).startsWith("This database holds Flyway's flyway_schema_history history, and"
					+ " Migrator has none yet").endsWith("set migrator.adopt=flyway (Builder.adopt(\"flyway\"))"));
	}

	@Test
	void adoptingImportsTheHistoryThenANewMigrationAppliesAndAReRunIsANoOp() throws Exception {
		ConventionFolders.write("flyway", this.fx.migrations, this.steps); // the 14th and 15th are new
		Migrator migrator = this.fx.configure().adopt("flyway").load();

		var run = migrator.migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("1.14.0", "1.15");
		var info = migrator.info();
		assertThat(info.applied()).hasSize(15);
		assertThat(info.convention()).isEqualTo("Flyway");
		assertThat(info.applied().get(0).appliedBy()).isEqualTo("postgres");
		assertThat(migrator.log(100)).filteredOn((entry) -> entry.action().equals(LogRecord.ADOPT)).hasSize(13)
			.allSatisfy((entry) -> assertThat(entry.description()).contains("(adopted from flyway_schema_history, applied by postgres)"));
		assertThat(flywayHistory()).as("Flyway's table is left as it was").isEqualTo(this.flywayHistory);
		assertThat(migrator.migrate().migrations()).as("a second run has nothing to do").isEmpty();
		assertThat(this.fx.configure().load().migrate().migrations()).as("nor without the setting").isEmpty();

		List<String> after = this.fx.dump();
		migrator.rollback(1);
		migrator.migrate();
		assertThat(this.fx.dump().stream().filter((l) -> !l.contains("schema_migrations")).toList())
			.as("rollback and re-apply give the same schema")
			.isEqualTo(after.stream().filter((l) -> !l.contains("schema_migrations")).toList());
	}

	@Test
	void aFailedFlywayRowIsRefusedWithWhatToDo() throws Exception {
		execute("UPDATE flyway_schema_history SET success = false WHERE version = '1.13'");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("flyway").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Cannot adopt Flyway's flyway_schema_history history, nothing was changed:")
			.hasMessageContaining("records version 1.13 as failed: it may have left changes. Finish or undo it by hand, then"
					+ " mark it in Flyway (flyway repair removes the failed row) and adopt again");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aScriptChangedSinceFlywayAppliedItIsRefusedNamingTheFileAndBothChecksums() throws Exception {
		Path changed = this.fx.migrations.resolve("V1_1__create_users.sql");
		Files.writeString(changed, Files.readString(changed).replace("email text", "mail text"));
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("flyway").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining(changed + " has changed since Flyway applied it as version 1.1 (checksum in"
					+ " flyway_schema_history ")
			.hasMessageContaining("put the file back as it was applied");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void adoptingAnotherToolThanTheOneFoundSaysWhatIsThere() throws Exception {
		assertThatThrownBy(() -> this.fx.configure().adopt("liquibase").load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("This database holds Flyway's flyway_schema_history history")
			.hasMessageContaining("(migrator.adopt=liquibase names no history found here)");
	}

	@Test
	void adoptingImportsFlywaysRepeatablesSoAnUnchangedOneIsNotRunAgainAndAChangedOneIs() throws Exception {
		String emails = "CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;\n";
		String names = "DROP VIEW IF EXISTS user_names;\nCREATE VIEW user_names AS SELECT name FROM users;\n";
		String namesAndIds = names.replace("SELECT name", "SELECT name, id");
		Files.writeString(this.flywayOnly.resolve("R__user_emails.sql"), emails);
		Files.writeString(this.flywayOnly.resolve("R__user_names.sql"), names);
		flywayMigrate();
		// Flyway runs a changed repeatable again, in a row of its own: the latest row is the one that counts
		Files.writeString(this.flywayOnly.resolve("R__user_names.sql"), namesAndIds);
		flywayMigrate();
		assertThat(this.fx.query("SELECT count(*) FROM flyway_schema_history WHERE version IS NULL")).containsExactly("3");
		Files.writeString(this.fx.migrations.resolve("R__user_emails.sql"), emails);
		Files.writeString(this.fx.migrations.resolve("R__user_names.sql"),
				namesAndIds.replace("SELECT name", "SELECT 'changed since' AS note, name"));
		List<String> history = flywayHistory();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).as("the first run's message counts them")
			.hasMessageContaining("13 versions applied (1.1 to 1.13")
			.hasMessageContaining("and 2 repeatable migrations; these would be imported");
		Migrator migrator = this.fx.configure().adopt("flyway").load();
		var run = migrator.migrate();

		assertThat(run.migrations()).as("the one unchanged since Flyway ran it is not run again")
			.extracting((m) -> m.version().toString())
			.containsExactly("R__user_names");
		assertThat(this.fx.columns("user_names")).containsExactly("note", "name", "id");
		assertThat(this.fx.query("SELECT version, type, status, applied_by FROM schema_migrations WHERE type = 'repeatable'"
				+ " ORDER BY version")).containsExactly("R__user_emails|repeatable|applied|postgres",
						"R__user_names|repeatable|applied|" + this.fx.query("SELECT current_user").get(0));
		assertThat(migrator.log(100)).filteredOn((entry) -> entry.action().equals(LogRecord.ADOPT))
			.extracting(LogRecord::version)
			.contains("R__user_emails", "R__user_names");
		assertThat(migrator.migrate().migrations()).as("a second run has nothing to do").isEmpty();
		assertThat(flywayHistory()).as("Flyway's table is left as it was").isEqualTo(history);
	}

	private void flywayMigrate() {
		Flyway.configure()
			.dataSource(PostgresServer.url(this.fx.schema), null, null)
			.schemas(this.fx.schema)
			.defaultSchema(this.fx.schema)
			.locations("filesystem:" + this.flywayOnly)
			// Flyway's transaction-level lock makes its own CREATE INDEX CONCURRENTLY wait forever (flyway#3508)
			.configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"))
			.load()
			.migrate();
	}

	private List<String> flywayHistory() throws Exception {
		return this.fx.query("SELECT installed_rank, version, description, type, script, checksum, installed_by, success"
				+ " FROM flyway_schema_history ORDER BY installed_rank");
	}

	private void execute(String sql) throws Exception {
		try (Connection connection = this.fx.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
