package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.migrator.core.api.MigratorException;

/**
 * A database that golang-migrate, dbmate, Rails or Ecto managed already has a {@code schema_migrations}
 * table, Migrator's default history name, with other columns: recognised before any change, naming the
 * table, the tool and the setting that picks another name.
 */
class OtherToolHistoryTableTest {

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"golang-migrate | CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL DEFAULT false) | | golang-migrate",
			"dbmate | CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY) | | dbmate (or Rails)",
			"Rails | CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY) | CREATE TABLE ar_internal_metadata (key varchar PRIMARY KEY, value varchar) | Rails (Active Record)",
			"Ecto | CREATE TABLE schema_migrations (version bigint PRIMARY KEY, inserted_at timestamp) | | Ecto (Elixir)",
			"unknown | CREATE TABLE schema_migrations (version varchar PRIMARY KEY, applied_on timestamp) | | another tool" })
	void anotherToolsTableIsNamedBeforeAnyChangeOnEveryCommand(String tool, String ddl, String more, String named)
			throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		execute(fx, ddl, more, "INSERT INTO schema_migrations (version) VALUES ('20240101120000')");
		List<String> before = fx.dump();

		for (Runnable command : List.<Runnable>of(() -> fx.migrator().migrate(), () -> fx.migrator().info(),
				() -> fx.migrator().validate())) {
			assertThatThrownBy(command::run).isInstanceOf(MigratorException.class)
				.hasMessageStartingWith("The table schema_migrations exists but is not Migrator's history: its columns (")
				.hasMessageContaining(") are those of " + named + "'s. Nothing was changed.")
				.hasMessageContaining("with the table setting (migrator.table=migrator_history, CLI --table, Builder.table(...))");
		}
		assertThat(fx.dump()).as("nothing created, nothing changed").isEqualTo(before);

		if (named.startsWith("golang-migrate") || named.startsWith("dbmate")) {
			// under another name, the other tool's history is found, to be adopted or not
			assertThatThrownBy(() -> fx.configure().table("migrator_history").load().migrate())
				.hasMessageContaining("This database holds " + tool + "'s schema_migrations history");
			assertThat(fx.dump()).isEqualTo(before);
			return;
		}
		fx.configure().table("migrator_history").load().migrate();
		assertThat(fx.tables()).contains("users", "migrator_history", "schema_migrations");
		assertThat(fx.query("SELECT version FROM schema_migrations")).as("the other tool's table is left alone")
			.containsExactly("20240101120000");
	}

	@Test
	void golangMigratesTableOnPostgresqlSaysHowToAdoptItToo() throws Exception {
		PostgresFixture fx = new PostgresFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
		execute(fx, "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)", null,
				"INSERT INTO schema_migrations VALUES (3, false)");
		List<String> before = fx.dump();

		assertThatThrownBy(() -> fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessage("The table schema_migrations exists but is not Migrator's history: its columns (dirty, version) are"
					+ " those of golang-migrate's. Nothing was changed. Give Migrator's history another name with the table"
					+ " setting (migrator.table=migrator_history, CLI --table, Builder.table(...)), and to take over"
					+ " golang-migrate's history without re-running it, also set migrator.adopt=golang-migrate"
					+ " (Builder.adopt(\"golang-migrate\")); leave schema_migrations as it is.");
		assertThat(fx.dump()).isEqualTo(before);
	}

	private static void execute(DatabaseFixture fx, String... sql) throws Exception {
		try (Connection connection = fx.connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				if (each != null && !each.isBlank()) {
					statement.execute(each);
				}
			}
		}
	}

}
