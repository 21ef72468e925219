package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationState;

/** Taking over a database built before Migrator, on every engine. */
abstract class BaselineScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		// a database built before Migrator, by hand, at what the scripts call version 2
		this.fx.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)");
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
			.write("2_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;")
			.write("3_orders.sql", "CREATE TABLE orders (id INTEGER);\n-- migrate:down\nDROP TABLE orders;");
	}

	@Test
	void baselineSkipsWhatTheDatabaseAlreadyHas() throws Exception {
		var baseline = this.fx.migrator().baseline("2", "hand-built schema");
		assertThat(baseline.currentVersion()).hasToString("2");

		var result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("3");
		assertThat(this.fx.migrator().info().migrations()).extracting((m) -> m.version() + ":" + m.state())
			.containsExactly("1:BELOW_BASELINE", "2:BASELINE", "3:APPLIED");
		assertThat(this.fx.query("SELECT type, status FROM schema_migrations WHERE version = '2'")).containsExactly("baseline|applied");
		assertThat(this.fx.query("SELECT action FROM schema_migrations_log ORDER BY id")).containsExactly("baseline", "migrate");
	}

	@Test
	void rollbackStopsAtTheBaseline() throws Exception {
		this.fx.migrator().baseline("2", null);
		this.fx.migrator().migrate();

		this.fx.migrator().rollback(1);
		assertThatThrownBy(() -> this.fx.migrator().rollbackTo("0")).hasMessageContaining("Cannot roll back past the baseline 2");
		assertThat(this.fx.migrator().info().migrations().get(2).state()).isEqualTo(MigrationState.ROLLED_BACK);
	}

	@Test
	void baselineIsRefusedOnAMigratedDatabaseAndAtZero() throws Exception {
		this.fx.write("2_email.sql", "CREATE TABLE other (id INTEGER);");
		this.fx.execute("DROP TABLE users");
		this.fx.migrator().migrate("1");

		assertThatThrownBy(() -> this.fx.migrator().baseline("2", null)).hasMessageContaining("the history already has 1 entries");
		assertThatThrownBy(() -> this.fx.migrator().baseline("0", null)).hasMessageContaining("Cannot baseline at version 0");
	}

	@Test
	void repairOnADatabaseWithoutHistoryChangesNothing() throws Exception {
		var result = this.fx.migrator().repair();

		assertThat(result.removedFailed()).isEmpty();
		assertThat(result.realigned()).isEmpty();
		assertThat(this.fx.tables()).containsExactly("users");
	}

}
