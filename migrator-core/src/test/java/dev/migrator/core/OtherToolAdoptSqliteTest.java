package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigratorException;

/**
 * SQLite databases that golang-migrate, goose and diesel built (their history tables as those tools
 * write them, the schema from the same scripts): taken over without re-running anything, a dirty
 * state refused with what to do.
 */
class OtherToolAdoptSqliteTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	List<ConventionFolders.Step> steps = ConventionFolders.sqlite();

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		try (Connection connection = this.fx.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)");
		}
	}

	private void execute(String... sql) throws Exception {
		try (Connection connection = this.fx.connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
	}

	@Test
	void golangMigratesCurrentVersionAdoptsEveryVersionUpToIt() throws Exception {
		ConventionFolders.write("golang-migrate", this.fx.migrations, List.of(this.steps.get(0)));
		this.fx.write("000002_projects.up.sql", "CREATE TABLE projects (id INTEGER PRIMARY KEY);")
			.write("000002_projects.down.sql", "DROP TABLE projects;")
			.write("000003_tags.up.sql", "CREATE TABLE tags (name TEXT PRIMARY KEY);")
			.write("000003_tags.down.sql", "DROP TABLE tags;");
		execute("CREATE TABLE projects (id INTEGER PRIMARY KEY)",
				"CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO schema_migrations VALUES (2, 0)");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().table("migrator_history").load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("This database holds golang-migrate's schema_migrations history: 1 version applied (2)")
			.hasMessageContaining("set migrator.adopt=golang-migrate");
		assertThat(this.fx.dump()).isEqualTo(before);

		Migrator migrator = this.fx.configure().table("migrator_history").adopt("golang-migrate").load();
		assertThat(migrator.migrate().migrations()).extracting((m) -> m.version().toString()).containsExactly("000003");
		assertThat(migrator.info().applied()).extracting((m) -> m.version().toString())
			.containsExactly("000001", "000002", "000003");
		assertThat(migrator.log(50)).filteredOn((e) -> e.action().equals(LogRecord.ADOPT)).hasSize(2);
		assertThat(this.fx.query("SELECT version, dirty FROM schema_migrations")).containsExactly("2|0");
		assertThat(migrator.migrate().migrations()).isEmpty();
	}

	@Test
	void aDirtyGolangMigrateStateIsRefusedWithWhatToDo() throws Exception {
		this.fx.write("000001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
			.write("000002_projects.up.sql", "CREATE TABLE projects (id INTEGER PRIMARY KEY);");
		execute("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO schema_migrations VALUES (2, 1)");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().table("migrator_history").adopt("golang-migrate").load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessage("Cannot adopt golang-migrate's schema_migrations history, nothing was changed:\n - golang-migrate's"
					+ " schema_migrations records version 2 as dirty (a run failed in it): it may have left changes. Finish or"
					+ " undo it by hand, then mark it in golang-migrate (migrate force <version>) and adopt again");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void goosesAndDieselsHistoriesAreAdoptedByVersion() throws Exception {
		this.fx.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- +goose Down\nDROP TABLE users;\n")
			.write("00002_tags.sql", "-- +goose Up\nCREATE TABLE tags (name TEXT);\n-- +goose Down\nDROP TABLE tags;\n");
		execute("CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,"
				+ " is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))",
				"INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1), (2, 1), (2, 0)");

		Migrator migrator = this.fx.configure().adopt("goose").load();
		assertThat(migrator.migrate().migrations()).as("2 was rolled back in goose: it runs again")
			.extracting((m) -> m.version().toString()).containsExactly("00002");
		assertThat(migrator.info().applied()).hasSize(2);
		assertThat(this.fx.tables()).contains("tags", "goose_db_version");
	}

	@Test
	void aVersionTheToolAppliedThatNoFileHasIsRefused() throws Exception {
		this.fx.write("2024-01-01-120000_users/up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
			.write("2024-01-01-120000_users/down.sql", "");
		execute("CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
				+ " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
				"INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101120000'), ('20240202120000')");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("diesel").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("diesel's __diesel_schema_migrations records version 20240202120000 as applied, and no"
					+ " migration in filesystem:" + this.fx.migrations + " has it");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

}
