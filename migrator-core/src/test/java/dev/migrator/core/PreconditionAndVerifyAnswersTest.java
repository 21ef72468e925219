package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;

/**
 * What a precondition's or a verify query's answer must be, and what the user reads when it is
 * not a yes: on SQLite, whose answers come back as numbers or text.
 */
class PreconditionAndVerifyAnswersTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (5);");
	}

	@Test
	void textAnswersHoldWhenTheySayTrueOrANonZeroNumber() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT 'true'\nCREATE TABLE b (id INTEGER);")
			.write("003_c.sql", "-- migrator:precondition on-fail=skip SELECT ' T '\nCREATE TABLE c (id INTEGER);")
			.write("004_d.sql", "-- migrator:precondition on-fail=skip SELECT '2.5'\nCREATE TABLE d (id INTEGER);")
			.write("005_e.sql", "-- migrator:precondition on-fail=skip SELECT '0.00'\nCREATE TABLE e (id INTEGER);")
			.write("006_f.sql", "-- migrator:precondition on-fail=skip SELECT 'yes'\nCREATE TABLE f (id INTEGER);")
			.write("007_g.sql", "-- migrator:precondition on-fail=skip SELECT 0.5\nCREATE TABLE g (id INTEGER);");

		this.fx.migrator().migrate();

		// 'yes' is neither a truth word nor a number: not a yes
		assertThat(this.fx.tables()).contains("b", "c", "d", "g").doesNotContain("e", "f");
		assertThat(this.fx.query("SELECT description FROM schema_migrations_log WHERE version = '006'"))
			.containsExactly("f (skipped: precondition SELECT 'yes' was false (it returned yes))");
	}

	@Test
	void aPreconditionWithNoRowIsFalseAndSaysSo() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT 1 FROM a WHERE id = 99\nCREATE TABLE b (id INTEGER);");

		this.fx.migrator().migrate();

		assertThat(this.fx.tables()).doesNotContain("b");
		assertThat(this.fx.query("SELECT description FROM schema_migrations_log WHERE version = '002'"))
			.containsExactly("b (skipped: precondition SELECT 1 FROM a WHERE id = 99 was false (it returned no row or null))");
	}

	@Test
	void aPreconditionThatIsNotAQueryIsRefusedWithItsLineAndWhatItChangedIsRolledBack() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "-- adds b\n-- migrator:precondition UPDATE a SET id = 6\nCREATE TABLE b (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_b.sql:2: a precondition must be a query returning true or non-zero: UPDATE a SET id = 6");

		assertThat(this.fx.query("SELECT id FROM a")).containsExactly("5");
		assertThat(this.fx.tables()).doesNotContain("b");
	}

	@Test
	void aVerifyQueryThatFailsNamesItsLineAndTheMigrationIsRolledBack() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);\n-- migrate:verify\nSELECT count(*) FROM no_such_table;");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_b.sql:3: ")
			.hasMessageContaining("no such table: no_such_table");
		assertThat(this.fx.tables()).contains("a").doesNotContain("b");
	}

	@Test
	void aVerifyStatementThatIsNotAQueryIsRefused() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);\n-- migrate:verify\nDELETE FROM a;");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_b.sql:3: a verify statement must be a query returning true or non-zero: DELETE FROM a");
		assertThat(this.fx.tables()).doesNotContain("b");
		// the DELETE ran in 002's transaction, and was rolled back with it
		assertThat(this.fx.query("SELECT id FROM a")).containsExactly("5");
	}

	@Test
	void aVerifyQueryWithNoRowFailsSayingSo() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);\n-- migrate:verify\nSELECT 1 FROM b;");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_b.sql:3: verify query returned no row or null: SELECT 1 FROM b");
		assertThat(this.fx.tables()).doesNotContain("b");
	}

	@Test
	void aJavaMigrationsVerifyThatThrowsOrSaysNoRollsItBack() throws Exception {
		assertThatThrownBy(() -> this.fx.configure().javaMigrations(new TableB(() -> {
			throw new IllegalStateException("count mismatch");
		})).load().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("verify() threw java.lang.IllegalStateException: count mismatch");
		assertThat(this.fx.tables()).doesNotContain("b");

		assertThatThrownBy(() -> this.fx.configure().javaMigrations(new TableB(() -> false)).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("verify() returned false; the migration was rolled back");
		assertThat(this.fx.tables()).doesNotContain("b");
	}

	private interface Check {

		boolean holds() throws Exception;

	}

	private record TableB(Check check) implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "b";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("CREATE TABLE b (id INTEGER)");
			}
		}

		@Override
		public boolean verify(MigrationContext context) throws Exception {
			return this.check.holds();
		}

	}

}
