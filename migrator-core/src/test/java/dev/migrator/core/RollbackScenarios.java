package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;

/** Rollback, by steps and to a version, on every engine: one subclass per engine gives the fixture. */
abstract class RollbackScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));")
			.write("1_users.down.sql", "DROP TABLE users;")
			.write("2_orders.sql", """
					CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);
					-- migrate:down
					DROP TABLE orders;
					""")
			.write("3_email.sql", """
					ALTER TABLE users ADD COLUMN email VARCHAR(100);
					-- migrate:down
					ALTER TABLE users DROP COLUMN email;
					-- migrate:verify
					SELECT count(email) = 0 FROM users;
					""");
		this.fx.migrator().migrate();
	}

	@Test
	void rollbackOneUndoesTheNewest() throws Exception {
		RunResult result = this.fx.migrator().rollback(1);

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("3");
		assertThat(result.previousVersion()).hasToString("3");
		assertThat(result.currentVersion()).hasToString("2");
		assertThat(this.fx.columns("users")).containsExactly("id", "name");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("1|applied", "2|applied", "3|rolled_back");
		assertThat(this.fx.query("SELECT version, action, " + MigrateScenarios.SUCCESS + " FROM schema_migrations_log ORDER BY id DESC LIMIT 1"))
			.containsExactly("3|rollback|1");
	}

	@Test
	void rollbackToAVersionUndoesEverythingAboveInReverseOrder() throws Exception {
		RunResult result = this.fx.migrator().rollbackTo("1");

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("3", "2");
		assertThat(this.fx.tables()).containsExactly("schema_migrations", "schema_migrations_log", "users");
	}

	@Test
	void rollbackToZeroEmptiesTheSchemaAndMigrateBringsItBack() throws Exception {
		RunResult down = this.fx.migrator().rollbackTo("0");

		assertThat(down.migrations()).extracting((r) -> r.version().toString()).containsExactly("3", "2", "1");
		assertThat(down.currentVersion().isEmpty()).isTrue();
		assertThat(this.fx.tables()).containsExactly("schema_migrations", "schema_migrations_log");
		assertThat(this.fx.migrator().info().pending()).hasSize(3)
			.allSatisfy((m) -> assertThat(m.state()).isEqualTo(MigrationState.ROLLED_BACK));

		RunResult up = this.fx.migrator().migrate();

		assertThat(up.migrations()).hasSize(3);
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE status = 'applied'")).containsExactly("3");
	}

	@Test
	void rollbackToTheCurrentVersionDoesNothing() throws Exception {
		assertThat(this.fx.migrator().rollbackTo("3").isEmpty()).isTrue();
	}

	@Test
	void rollbackIsRefusedUpFrontWhenAnyMigrationInRangeHasNoDown() throws Exception {
		this.fx.write("4_notes.sql", "CREATE TABLE notes (id INTEGER);");
		this.fx.write("5_tags.sql", "CREATE TABLE tags (id INTEGER);\n-- migrate:down\nDROP TABLE tags;");
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().rollbackTo("2"))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Migration 4 (")
			.hasMessageContaining("4_notes.sql) has no down migration");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void failingDownLeavesTheMigrationAppliedAndSaysSo() throws Exception {
		assumeTrue(this.fx.transactionalDdl(), "DDL commits on its own on " + this.fx.engine());
		this.fx.write("4_notes.sql", "CREATE TABLE notes (id INTEGER);\n-- migrate:down\nDROP TABLE notes;\nDROP TABLE no_such_table;");
		this.fx.migrator().migrate();

		assertThatThrownBy(() -> this.fx.migrator().rollback(2))
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.line()).isEqualTo(4))
			.hasMessageContaining("Rollback of migration 4 (notes) failed")
			.hasMessageContaining("4_notes.sql:4: ")
			.hasMessageContaining("stays applied");

		assertThat(this.fx.tables()).contains("notes");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '4'")).containsExactly("applied");
		assertThat(this.fx.query("SELECT action, " + MigrateScenarios.SUCCESS + " FROM schema_migrations_log ORDER BY id DESC LIMIT 1"))
			.containsExactly("rollback|0");
	}

	@Test
	void tooManyStepsAreRefused() {
		assertThatThrownBy(() -> this.fx.migrator().rollback(4)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("only 3 are applied");
		assertThatThrownBy(() -> this.fx.migrator().rollback(0)).isInstanceOf(MigratorException.class)
			.hasMessageContaining("at least 1");
	}

	@Test
	void targetThatIsNotAppliedIsRefused() {
		assertThatThrownBy(() -> this.fx.migrator().rollbackTo("2.5")).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Target version 2.5 is not applied");
		assertThatThrownBy(() -> this.fx.migrator().rollbackTo("two")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Invalid target version");
	}

	@Test
	void unterminatedQuoteInADownIsFoundBeforeAnythingRuns() throws Exception {
		this.fx.write("3_email.sql", """
				ALTER TABLE users ADD COLUMN email VARCHAR(100);
				-- migrate:down
				UPDATE users SET name = 'oops;
				""");
		this.fx.migrator().repair();
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().rollback(2))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("3_email.sql:3: ");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void infoShowsWhichAppliedMigrationsCanBeRolledBack() throws Exception {
		this.fx.write("4_notes.sql", "CREATE TABLE notes (id INTEGER);");
		this.fx.migrator().migrate();

		assertThat(this.fx.migrator().info().migrations())
			.extracting((m) -> m.version() + ":" + m.rollbackAvailable())
			.containsExactly("1:true", "2:true", "3:true", "4:false");
	}


	// ---- empty and comment-only downs: other tools' "nothing to undo" ----

	@Test
	void rollbackThroughAnEmptyDownIsRefusedUpFrontNamingTheFiles() throws Exception {
		this.fx.write("4_seed.sql", "INSERT INTO users (id, name) VALUES (1, 'a');\n-- migrate:down\n-- nothing to undo\n")
			.write("5_note.sql", "CREATE TABLE notes (id INTEGER);")
			.write("5_note.down.sql", "");
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().rollbackTo("3")).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Rollback through 5 refused: its down (")
			.hasMessageContaining("5_note.down.sql) is empty or only comments")
			.hasMessageContaining("Rollback through 4 refused: its down (")
			.hasMessageContaining("allowEmptyDown");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void rollbackThroughAnEmptyDownGoesAheadWhenAllowed() throws Exception {
		this.fx.write("4_seed.sql", "INSERT INTO users (id, name) VALUES (1, 'a');\n-- migrate:down\n/* nothing */\n");
		this.fx.migrator().migrate();

		RunResult result = this.fx.migrator().rollback(2, dev.migrator.core.api.RunOptions.DEFAULT.withAllowEmptyDown(true));

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("4", "3");
		assertThat(this.fx.query("SELECT count(*) FROM users")).containsExactly("1");
		assertThat(this.fx.columns("users")).containsExactly("id", "name");
	}

	@Test
	void rollbackThatStopsAboveAnEmptyDownIsNotRefused() throws Exception {
		this.fx.write("4_seed.sql", "INSERT INTO users (id, name) VALUES (1, 'a');\n-- migrate:down\n-- nothing\n")
			.write("5_note.sql", "CREATE TABLE notes (id INTEGER);\n-- migrate:down\nDROP TABLE notes;");
		this.fx.migrator().migrate();

		assertThat(this.fx.migrator().rollback(1).migrations()).hasSize(1);
		assertThat(this.fx.tables()).doesNotContain("notes");
	}

}
