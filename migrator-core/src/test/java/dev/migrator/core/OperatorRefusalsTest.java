package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;

/**
 * What an operator is told when a repair or an adoption asks for something the database does not
 * hold, and that nothing was changed: on SQLite.
 */
class OperatorRefusalsTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);");
	}

	@Test
	void markAppliedRefusesAVersionWithNoRowOrOneThatDidNotFail() throws Exception {
		this.fx.migrator().migrate();
		var before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().markApplied("9")).isInstanceOf(MigratorException.class)
			.hasMessage("Migration 9 is not a failed migration (the history has no row for it); only a failed or"
					+ " interrupted migration can be marked applied. Nothing was changed.");
		assertThatThrownBy(() -> this.fx.migrator().markApplied("001")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Migration 001 is not a failed migration (it is applied)");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void markAppliedRefusesAFailedMigrationWhoseFileIsGone() throws Exception {
		// outside a transaction and with no backup to undo it: the first statement stays, and a failed row
		this.fx.write("002_b.sql", "-- migrator:no-transaction\nCREATE TABLE b (id INTEGER);\nINSERT INTO no_such VALUES (1);");
		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class);
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '002'")).containsExactly("failed");
		Files.delete(this.fx.migrations.resolve("002_b.sql"));

		assertThatThrownBy(() -> this.fx.migrator().markApplied("002")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("002_b.sql) is no longer in the code; restore its file before marking"
					+ " it applied. Nothing was changed.");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '002'")).containsExactly("failed");
	}

	@Test
	void adoptingAToolWhoseHistoryIsNotThereIsRefusedBeforeAnythingIsApplied() throws Exception {
		assertThatThrownBy(() -> this.fx.configure().adopt("flyway").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("migrator.adopt=flyway is set, but there is no flyway_schema_history table here;"
					+ " nothing was changed. Remove the setting, or connect to the database flyway migrated");

		assertThat(this.fx.tables()).doesNotContain("a");
	}

}
