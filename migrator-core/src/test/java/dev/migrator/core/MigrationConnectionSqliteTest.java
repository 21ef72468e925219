package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;

/**
 * The connection a Java migration is given is the engine's, guarded: every way of ending the
 * transaction the engine commits with the history row (rollback, auto-commit, abort, close) is
 * refused with the call named and what to do, and leaves nothing applied; the driver's own errors
 * reach the operator as the driver wrote them; the statements' connection is the guarded one.
 */
class MigrationConnectionSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("1_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);");
	}

	private interface Body {

		void run(Connection connection) throws Exception;

	}

	private static JavaMigration migration(Body body) {
		return new JavaMigration() {

			@Override
			public String version() {
				return "2";
			}

			@Override
			public String description() {
				return "seed people";
			}

			@Override
			public void up(MigrationContext context) throws Exception {
				try (Statement statement = context.connection().createStatement()) {
					statement.execute("INSERT INTO people (id, name) VALUES (1, 'Ada')");
				}
				body.run(context.connection());
			}

		};
	}

	private void refused(Body body, String call) throws Exception {
		Migrator migrator = this.fx.configure().backupEnabled(false).javaMigrations(migration(body)).load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("called " + call + " on the migration's connection, which would end the transaction"
					+ " the engine commits together with the history row");
		assertThat(this.fx.query("SELECT count(*) FROM people")).as("its insert was rolled back").containsExactly("0");
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations WHERE version = '2' AND status = 'applied'"))
			.containsExactly("0");
	}

	@Test
	void rollingBackOrTurningOnAutoCommitIsRefusedAndLeavesNothing() throws Exception {
		refused(Connection::rollback, "rollback()");
		refused((c) -> c.setAutoCommit(true), "setAutoCommit(true)");
	}

	@Test
	void closingOrAbortingTheConnectionIsRefusedWithWhy() throws Exception {
		refused(Connection::close, "close()");
		refused((c) -> c.abort(Runnable::run), "abort()");
		assertThatThrownBy(this.fx.configure().backupEnabled(false).javaMigrations(migration(Connection::close)).load()::migrate)
			.hasMessageContaining("do not close it, nor put it in try-with-resources");
	}

	@Test
	void turningAutoCommitOffAgainIsHarmlessAndTheMigrationApplies() throws Exception {
		Migrator migrator = this.fx.configure().javaMigrations(migration((c) -> c.setAutoCommit(false))).load();

		assertThat(migrator.migrate().migrations()).hasSize(2);
		assertThat(this.fx.query("SELECT name FROM people")).containsExactly("Ada");
	}

	@Test
	void aStatementsConnectionIsTheGuardedOneAndSaysWhoseItIs() throws Exception {
		Migrator migrator = this.fx.configure().javaMigrations(migration((c) -> {
			try (PreparedStatement insert = c.prepareStatement("INSERT INTO people (id, name) VALUES (2, ?)")) {
				Connection through = insert.getConnection();
				if (!through.equals(c) || through.hashCode() != c.hashCode() || c.equals(null)) {
					throw new IllegalStateException("the statement's connection is not the guarded one");
				}
				insert.setString(1, c.toString());
				insert.executeUpdate();
			}
		})).load();

		migrator.migrate();

		assertThat(this.fx.query("SELECT name FROM people WHERE id = 2")).singleElement()
			.asString()
			.startsWith("migration connection of ")
			.contains(MigrationConnectionSqliteTest.class.getName());
	}

	@Test
	void theDriversOwnErrorReachesTheOperatorAsItWroteIt() throws Exception {
		Migrator prepared = this.fx.configure().backupEnabled(false)
			.javaMigrations(migration((c) -> c.prepareStatement("SELECT * FROM no_such_table"))).load();
		assertThatThrownBy(prepared::migrate).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("no such table: no_such_table")
			.hasMessageNotContaining("InvocationTargetException");

		Migrator executed = this.fx.configure().backupEnabled(false).javaMigrations(migration((c) -> {
			try (Statement statement = c.createStatement()) {
				statement.executeUpdate("INSERT INTO no_such_other VALUES (1)");
			}
		})).load();
		assertThatThrownBy(executed::migrate).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("no such table: no_such_other")
			.hasMessageNotContaining("InvocationTargetException");
		assertThat(this.fx.query("SELECT count(*) FROM people")).containsExactly("0");
	}

	@Test
	void rollingBackToItsOwnSavepointIsAllowedAndKeepsWhatCameBefore() throws Exception {
		Migrator migrator = this.fx.configure().javaMigrations(migration((c) -> {
			if (!c.getMetaData().getConnection().equals(c)) {
				throw new IllegalStateException("the metadata's connection is not the guarded one");
			}
			java.sql.Savepoint before = c.setSavepoint();
			try (Statement statement = c.createStatement()) {
				statement.execute("INSERT INTO people (id, name) VALUES (2, 'Grace')");
			}
			c.rollback(before);
		})).load();

		assertThat(migrator.migrate().migrations()).hasSize(2);
		assertThat(this.fx.query("SELECT name FROM people")).containsExactly("Ada");
	}

}
