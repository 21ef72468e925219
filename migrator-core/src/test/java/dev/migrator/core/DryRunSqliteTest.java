package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.testing.SingleConnectionDataSource;

/**
 * Dry runs on SQLite work on a copy of the file: a dry-run rollback says what it would undo and
 * leaves the database as it is; an in-memory database, which has no file to copy, is refused with
 * why. And a connection lent with auto-commit off (as some pools lend them) is migrated, committed,
 * and given back with auto-commit off.
 */
class DryRunSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;\n")
			.write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;\n");
	}

	@Test
	void aDryRunRollbackSaysWhatItWouldUndoAndChangesNothing() throws Exception {
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();

		var run = this.fx.migrator().rollback(1, RunOptions.dryRunOnly());

		assertThat(run.dryRun()).isTrue();
		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(run.currentVersion()).hasToString("1");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void anInMemoryDatabaseHasNoCopyToDryRunOn() {
		Migrator migrator = Migrator.configure().url("jdbc:sqlite::memory:").locations("filesystem:" + this.fx.migrations).load();

		assertThatThrownBy(() -> migrator.migrate(RunOptions.dryRunOnly())).isInstanceOf(MigratorException.class)
			.hasMessage("A dry run needs a copy of the database, and this SQLite database cannot be copied here (an"
					+ " in-memory database)");
		assertThatThrownBy(migrator::verifyDowns).isInstanceOf(MigratorException.class)
			.hasMessage("Checking downs needs a copy of the database, and this SQLite database cannot be copied here"
					+ " (an in-memory database)");
	}

	@Test
	void aConnectionLentWithAutoCommitOffIsCommittedAndGivenBackAsLent() throws Exception {
		try (Connection lent = DriverManager.getConnection(this.fx.url())) {
			lent.setAutoCommit(false);
			Migrator migrator = Migrator.configure()
				.dataSource(new SingleConnectionDataSource(lent, new dev.migrator.core.testing.FailingDataSource(this.fx.url())))
				.locations("filesystem:" + this.fx.migrations)
				.load();

			assertThat(migrator.migrate().migrations()).hasSize(2);

			assertThat(lent.getAutoCommit()).as("given back as it was lent").isFalse();
		}
		assertThat(this.fx.tables()).as("committed: another connection sees it").contains("a", "b");
		try (Connection other = this.fx.connect(); Statement statement = other.createStatement()) {
			assertThat(statement.executeQuery("SELECT count(*) FROM schema_migrations").getInt(1)).isEqualTo(2);
		}
	}

}
