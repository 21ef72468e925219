package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigratorException;

/**
 * Taking over another tool's history where it is not plain: a tool Migrator does not know, a
 * version or a changeset whose file is gone, a history of repeatables only, a dirty or failed
 * state found before adopt is set, and Flyway repeatables whose checksums cover placeholders or
 * are missing. What the operator is told, and that nothing was changed until it can be adopted.
 */
class AdoptEdgeCasesSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	private Path flywayFolder;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.flywayFolder = Files.createDirectories(this.dir.resolve("flyway"));
	}

	/** The same script in Flyway's folder and in Migrator's. */
	private void both(String name, String content) throws Exception {
		Files.writeString(this.flywayFolder.resolve(name), content, StandardCharsets.UTF_8);
		this.fx.write(name, content);
	}

	private Flyway flyway(Map<String, String> placeholders) {
		return Flyway.configure().dataSource(this.fx.url(), null, null).locations("filesystem:" + this.flywayFolder)
			.placeholders(placeholders).load();
	}

	private List<String> history() throws Exception {
		return this.fx.query("SELECT version, type, status FROM schema_migrations ORDER BY version");
	}

	@Test
	void adoptingAToolMigratorDoesNotKnowIsRefusedWithTheToolsItDoes() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);");
		this.fx.execute("CREATE TABLE app (id INTEGER)");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("rails").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessage("migrator.adopt=rails is set, but rails is not a tool Migrator adopts (flyway, liquibase, goose,"
					+ " diesel, golang-migrate, dbmate); nothing was changed. Remove the setting, or connect to the database"
					+ " rails migrated");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aBlankAdoptSettingIsNoSettingAndAFreshDatabaseIsMigrated() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER);");

		var run = this.fx.configure().adopt(" ").load().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("1");
		assertThat(this.fx.tables()).contains("users");
	}

	@Test
	void aFlywayVersionWhoseFileIsGoneIsNamedWithItsScript() throws Exception {
		both("V1__users.sql", "CREATE TABLE users (id INTEGER);\n");
		both("V2__tags.sql", "CREATE TABLE tags (name TEXT);\n");
		flyway(Map.of()).migrate();
		Files.delete(this.fx.migrations.resolve("V2__tags.sql"));
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("flyway").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Cannot adopt Flyway's flyway_schema_history history, nothing was changed")
			.hasMessageContaining("records version 2 (V2__tags.sql) as applied, and no migration in filesystem:"
					+ this.fx.migrations + " has it: add its file, or point migrator.locations at the folder Flyway used");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aFailedFlywayVersionIsRefusedWithFlywaysRepair() throws Exception {
		both("V1__users.sql", "CREATE TABLE users (id INTEGER);\n");
		both("V2__tags.sql", "CREATE TABLE tags (name TEXT);\n");
		flyway(Map.of()).migrate();
		this.fx.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '2'");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("This database holds Flyway's flyway_schema_history history: 2 versions applied (1 to 2,")
			.hasMessageContaining(", 1 of them failed or dirty; these would be imported")
			// Flyway on SQLite records no user: the summary names none rather than ending in "by )"
			.hasMessageNotContaining(" by )")
			.hasMessageContaining("set migrator.adopt=flyway");
		assertThatThrownBy(() -> this.fx.configure().adopt("flyway").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Flyway's flyway_schema_history records version 2 as failed: it may have left changes."
					+ " Finish or undo it by hand, then mark it in Flyway (flyway repair removes the failed row) and adopt again");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aFlywayHistoryOfRepeatablesOnlyIsSaidToHaveNoVersion() throws Exception {
		both("R__user_ids.sql", "DROP VIEW IF EXISTS user_ids;\nCREATE VIEW user_ids AS SELECT 1 AS id;\n");
		flyway(Map.of()).migrate();
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("This database holds Flyway's flyway_schema_history history: no version applied and 1"
					+ " repeatable migration. Migrator has no history here yet");
		assertThat(this.fx.dump()).isEqualTo(before);

		both("R__user_count.sql", "DROP VIEW IF EXISTS user_count;\nCREATE VIEW user_count AS SELECT 1 AS n;\n");
		flyway(Map.of()).migrate();
		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("no version applied and 2 repeatable migrations.");
	}

	@Test
	void aRepeatableFlywayRanWithPlaceholdersReplacedIsAdoptedAsItIsAndNotRunAgain() throws Exception {
		both("R__active_flag.sql", "DROP VIEW IF EXISTS active_flag;\nCREATE VIEW active_flag AS SELECT ${active} AS flag;\n");
		flyway(Map.of("active", "1")).migrate();

		var run = this.fx.configure().placeholders(Map.of("active", "1")).adopt("flyway").load().migrate();

		assertThat(run.migrations()).as("Flyway's checksum of the replaced script matches: nothing runs again").isEmpty();
		assertThat(history()).containsExactly("R__active_flag|repeatable|applied");
		assertThat(this.fx.query("SELECT flag FROM active_flag")).containsExactly("1");
	}

	@Test
	void aRepeatableFlywayRanWithOtherPlaceholderValuesRunsAgainOnTheFirstMigrate() throws Exception {
		both("R__active_flag.sql", "DROP VIEW IF EXISTS active_flag;\nCREATE VIEW active_flag AS SELECT ${active} AS flag;\n");
		flyway(Map.of("active", "0")).migrate();

		var run = this.fx.configure().placeholders(Map.of("active", "1")).adopt("flyway").load().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("R__active_flag");
		assertThat(this.fx.query("SELECT flag FROM active_flag")).as("as Migrator's placeholders say").containsExactly("1");
	}

	@Test
	void aRepeatableWhoseFlywayChecksumIsMissingRunsAgainOnTheFirstMigrate() throws Exception {
		both("R__user_ids.sql", "DROP VIEW IF EXISTS user_ids;\nCREATE VIEW user_ids AS SELECT 1 AS id;\n");
		flyway(Map.of()).migrate();
		this.fx.execute("UPDATE flyway_schema_history SET checksum = NULL");

		var run = this.fx.configure().adopt("flyway").load().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("R__user_ids");
		assertThat(history()).containsExactly("R__user_ids|repeatable|applied");
		assertThat(this.fx.configure().adopt("flyway").load().migrate().migrations()).as("then it is up to date").isEmpty();
	}

	@Test
	void aDirtyGolangMigrateStateIsCountedBeforeAdoptIsSet() throws Exception {
		this.fx.write("000001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		this.fx.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
		this.fx.execute("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
		this.fx.execute("INSERT INTO schema_migrations VALUES (1, 1)");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().table("migrator_history").load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("This database holds golang-migrate's schema_migrations history: 1 version applied (1),"
					+ " 1 of them failed or dirty; these would be imported");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aLiquibaseChangesetNoChangelogHasIsNamedWithItsFile() throws Exception {
		this.fx.write("changelog.sql", "--liquibase formatted sql\n\n--changeset ada:1\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n");
		this.fx.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
		this.fx.execute("CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,"
				+ " FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP NOT NULL, ORDEREXECUTED INT NOT NULL,"
				+ " EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255),"
				+ " TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255),"
				+ " DEPLOYMENT_ID VARCHAR(10))");
		this.fx.execute("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
				+ " VALUES ('1', 'ada', 'changelog.sql', '2024-01-01 10:00:00', 1, 'EXECUTED'),"
				+ " ('2', 'bob', 'old-changelog.sql', '2024-01-02 10:00:00', 2, 'EXECUTED')");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("liquibase").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Liquibase's databasechangelog records changeset bob:2 (old-changelog.sql) as applied, and"
					+ " no migration in filesystem:" + this.fx.migrations + " has it");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	/** A Java migration as Migrator has it, for the version Flyway ran as a JDBC migration. */
	static final class Seed implements JavaMigration {

		int runs;

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "seed";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			this.runs++;
			try (java.sql.Statement statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO users VALUES (1)");
			}
		}

	}

	@Test
	void aJavaMigrationFlywayRanIsAdoptedWithoutAFileChecksumAndNotRunAgain() throws Exception {
		both("V1__users.sql", "CREATE TABLE users (id INTEGER);\n");
		flyway(Map.of()).migrate();
		// what Flyway writes for a Java migration: type JDBC, no checksum, the class as the script
		this.fx.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
				+ " installed_by, installed_on, execution_time, success) VALUES (2, '2', 'seed', 'JDBC', 'db.migration.V2__Seed',"
				+ " NULL, 'ops', '2024-01-01 10:00:00', 5, 1)");
		this.fx.execute("INSERT INTO users VALUES (1)");
		Seed seed = new Seed();

		var run = this.fx.configure().javaMigrations(seed).adopt("flyway").load().migrate();

		assertThat(run.migrations()).isEmpty();
		assertThat(seed.runs).isZero();
		assertThat(history()).containsExactly("1|sql|applied", "2|java|applied");
		assertThat(this.fx.query("SELECT count(*) FROM users")).containsExactly("1");
		assertThat(this.fx.query("SELECT description FROM schema_migrations_log WHERE version = '2'"))
			.containsExactly("seed (adopted from flyway_schema_history, applied by ops)");
	}

}
