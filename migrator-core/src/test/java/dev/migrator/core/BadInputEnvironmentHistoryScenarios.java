package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;

/**
 * Bad input catalogue, history and log tables (docs/RELIABILITY.md, "Bad input: the database and its environment"):
 * someone dropped or edited the engine's own tables by hand. Each case snapshots the database,
 * runs the engine, and checks the error says what is wrong and what to do, and that nothing
 * changed. One subclass per engine: the tables are plain SQL on both, but their types differ.
 */
abstract class BadInputEnvironmentHistoryScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
				+ "INSERT INTO users VALUES (1, 'ada');\n")
			.write("2_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);\n");
		this.fx.migrator().migrate();
		this.fx.write("3_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
	}

	@Test
	void historyTableDroppedWithTheApplicationTablesStillThere() throws Exception {
		this.fx.execute("DROP TABLE schema_migrations");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(ValidationException.class)
			.hasMessageContaining("history table schema_migrations is missing")
			.hasMessageContaining("schema_migrations_log records migrations [1, 2] as applied")
			.hasMessageContaining("2_orders.sql")
			.hasMessageContaining("Restore the database from a backup")
			.hasMessageContaining("run baseline(\"2\")");
		assertThat(this.fx.dump()).isEqualTo(before);

		// the advice works: baseline at 2, and the next run applies only 3
		this.fx.migrator().baseline("2", "history rebuilt after it was dropped");
		assertThat(this.fx.migrator().migrate().migrations()).extracting((m) -> m.version().toString())
			.containsExactly("3");
	}

	@Test
	void historyRowDeletedOfTheNewestMigration() throws Exception {
		this.fx.execute("DELETE FROM schema_migrations WHERE version = '2'");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_orders.sql")
			.hasMessageContaining("no row in the history table schema_migrations")
			.hasMessageContaining("log")
			.hasMessageContaining("restore");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void historyRowDeletedBelowTheCurrentVersion() throws Exception {
		this.fx.execute("DELETE FROM schema_migrations WHERE version = '1'");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(ValidationException.class)
			.hasMessageContaining("1_users.sql")
			.hasMessageContaining("no row in the history table schema_migrations");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void historyChecksumEdited() throws Exception {
		this.fx.execute("UPDATE schema_migrations SET checksum = 'deadbeef' WHERE version = '1'");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(ValidationException.class)
			.hasMessageContaining("1_users.sql has changed since it was applied as migration 1")
			.hasMessageContaining("checksum applied deadbeef")
			.hasMessageContaining("repair the history if the change is intended");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void historyStatusUnknown() throws Exception {
		this.fx.execute("UPDATE schema_migrations SET status = 'done?' WHERE version = '2'");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("history table schema_migrations has version 2 with unknown status 'done?'")
			.hasMessageContaining("expected applied, failed or rolled_back")
			.hasMessageContaining("correct that row");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void historyVersionEditedToSomethingThatIsNotAVersion() throws Exception {
		this.fx.execute("UPDATE schema_migrations SET version = 'v2-final' WHERE version = '2'");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("history table schema_migrations has a row with version 'v2-final', which is not a version")
			.hasMessageContaining("correct or delete that row");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void historyVersionEditedToAnotherVersion() throws Exception {
		this.fx.execute("UPDATE schema_migrations SET version = '7' WHERE version = '2'");
		List<String> before = this.fx.dump();

		Throwable thrown = migrate();

		assertThat(thrown).isInstanceOf(ValidationException.class)
			.hasMessageContaining("migration 7")
			.hasMessageContaining("2_orders.sql");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	/** Valid after all: the log is recreated empty and the run goes on; the history still knows everything. */
	@Test
	void logTableDroppedIsRecreatedAndTheRunApplies() throws Exception {
		this.fx.execute("DROP TABLE schema_migrations_log");

		var result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((m) -> m.version().toString()).containsExactly("3");
		assertThat(this.fx.tables()).contains("items", "schema_migrations_log");
		// (on MariaDB a start entry comes first: every migration there is marked started)
		assertThat(this.fx.query("SELECT version, action FROM schema_migrations_log WHERE action <> 'start'"))
			.containsExactly("3|migrate");
		assertThat(this.fx.query("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2", "3");
	}

	private Throwable migrate() {
		Throwable thrown = catchThrowable(() -> this.fx.migrator().migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);
		return thrown;
	}

}
