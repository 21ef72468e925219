package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.migrator.core.api.LockState;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;

/**
 * A command that only reads never creates a database: sqlite-jdbc creates a missing file on connect, so
 * status, info, validate, backups, the log, the lock state and dry runs against a mistyped path must say
 * so and leave the folder as it was (no database, no lock file, no journal). Migrate still creates one.
 */
class ReadOnlyCommandsCreateNothingTest {

	@TempDir
	Path dir;

	@Test
	void everyReadOnlyCommandRefusesAMissingFileNamingItAndCreatesNothing() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;");
		Path typo = this.dir.resolve("ap.db");
		Migrator migrator = Migrator.configure().url("jdbc:sqlite:" + typo).locations("filesystem:" + fx.migrations).load();
		List<String> before = listing();

		for (Map.Entry<String, Consumer<Migrator>> command : readOnlyCommands().entrySet()) {
			assertThatThrownBy(() -> command.getValue().accept(migrator)).as(command.getKey())
				.isInstanceOf(MigratorException.class)
				.hasMessageContaining("No database at " + typo)
				.hasMessageContaining("check the URL");
			assertThat(listing()).as(command.getKey()).isEqualTo(before);
		}
		// the lock state of a database that is not there is answered from its (absent) lock file
		assertThat(migrator.lockState()).isEqualTo(LockState.FREE);
		assertThat(listing()).isEqualTo(before);
	}

	@Test
	void aPooledDataSourceThatTellsItsUrlIsCheckedToo() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		Path typo = this.dir.resolve("ap.db");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:sqlite:" + typo);
		// a pool that opens no connection before it is asked for one
		config.setMinimumIdle(0);
		config.setInitializationFailTimeout(-1);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			Migrator migrator = Migrator.configure().dataSource(pool).locations("filesystem:" + fx.migrations).load();
			List<String> before = listing();

			assertThatThrownBy(migrator::status).isInstanceOf(MigratorException.class)
				.hasMessageContaining("No database at " + typo);
			assertThat(listing()).isEqualTo(before);
		}
	}

	@Test
	void migrateStillCreatesANewDatabaseAndTheReadOnlyCommandsThenRead() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		Path fresh = this.dir.resolve("fresh.db");
		Migrator migrator = Migrator.configure().url("jdbc:sqlite:" + fresh).locations("filesystem:" + fx.migrations).load();

		assertThat(migrator.migrate().migrations()).hasSize(1);

		assertThat(fresh).exists();
		assertThat(migrator.status().currentVersion()).hasToString("1");
		assertThat(migrator.validate().migrationsChecked()).isEqualTo(1);
	}

	@Test
	void aMigrateWhoseMigrationsCannotBeUsedCreatesNoDatabaseFileAndNamesTheFile() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
		fx.write("001_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY);");
		Path fresh = this.dir.resolve("fresh.db");
		Migrator migrator = Migrator.configure().url("jdbc:sqlite:" + fresh).locations("filesystem:" + fx.migrations).load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigratorException.class)
			.hasMessageContaining("1_users.sql")
			.hasMessageContaining("001_people.sql");
		assertThatThrownBy(() -> migrator.migrate("1")).isInstanceOf(MigratorException.class);

		// an empty file would make every later status say "nothing applied" to a database never migrated
		assertThat(fresh).doesNotExist();
		assertThat(this.dir.resolve("fresh.db.lock")).doesNotExist();
	}

	@Test
	void fileUrlsAndRelativePathsAreRecognisedAndMemoryDatabasesAreNotFiles() throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		Path typo = this.dir.resolve("ap.db");
		List<String> before = listing();
		for (String url : List.of("jdbc:sqlite:file:" + typo, "jdbc:sqlite:file://" + typo + "?cache=shared",
				"jdbc:sqlite:" + typo + "?journal_mode=WAL",
				"jdbc:sqlite:" + Path.of("").toAbsolutePath().relativize(typo))) {
			Migrator migrator = Migrator.configure().url(url).locations("filesystem:" + fx.migrations).load();
			assertThatThrownBy(migrator::info).as(url).isInstanceOf(MigratorException.class)
				.hasMessageContaining("No database at")
				.isInstanceOfSatisfying(dev.migrator.core.api.DatabaseNotFoundException.class,
						(ex) -> assertThat(ex.path().toAbsolutePath().normalize()).as("where it was looked for").isEqualTo(typo));
		}
		assertThat(listing()).isEqualTo(before);
		// an in-memory database has no file to miss
		assertThat(Migrator.configure().url("jdbc:sqlite::memory:").locations("filesystem:" + fx.migrations).load()
			.status().currentVersion()).hasToString("0");
	}

	private static Map<String, Consumer<Migrator>> readOnlyCommands() {
		return Map.of("status", Migrator::status, "info", Migrator::info, "validate", Migrator::validate, "backups",
				Migrator::backups, "log", (m) -> m.log(10), "dry-run migrate", (m) -> m.migrate(RunOptions.dryRunOnly()),
				"dry-run rollback", (m) -> m.rollback(1, RunOptions.dryRunOnly()), "dry-run rollback to",
				(m) -> m.rollbackTo("0", RunOptions.dryRunOnly()));
	}

	private List<String> listing() throws Exception {
		try (Stream<Path> files = Files.walk(this.dir)) {
			return files.map((p) -> this.dir.relativize(p).toString()).sorted().toList();
		}
	}

}
