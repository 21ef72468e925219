package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.internal.resolve.LiquibaseChecksums;

/**
 * A SQLite database built by the real Liquibase (4.33, the last open-source line) from a formatted SQL
 * changelog, taken over by Migrator: the history imported by author:id, each changeset's MD5SUM
 * recomputed and compared, then a new changeset applied, rolled back and applied again.
 */
class LiquibaseBuiltAdoptSqliteTest {

	private static final String CHANGELOG = """
			--liquibase formatted sql

			--changeset ada:create-users
			--comment: the users, by email
			CREATE TABLE users (
			    id INTEGER PRIMARY KEY,
			    email TEXT NOT NULL UNIQUE
			);
			CREATE INDEX idx_users_email ON users (email);
			--rollback DROP INDEX idx_users_email;
			--rollback DROP TABLE users;

			--changeset ada:seed
			INSERT INTO users (id, email) VALUES (1, 'ada@example.com'), (2, 'bob@example.com -- not a comment');
			--rollback DELETE FROM users;

			--changeset bob:lowercase_trigger splitStatements:false
			CREATE TRIGGER users_lowercase AFTER INSERT ON users
			BEGIN
			    UPDATE users SET email = lower(NEW.email) WHERE id = NEW.id;
			END;
			--rollback DROP TRIGGER users_lowercase;

			--changeset bob:backfill
			-- bob's address was typed in capitals
			UPDATE users SET email = upper(email) WHERE id = 2;
			--rollback empty
			""";

	@TempDir
	Path dir;

	@BeforeAll
	static void quietLiquibase() {
		// no usage report over the network, no banner: a test builds a database, nothing more
		System.setProperty("liquibase.analytics.enabled", "false");
		System.setProperty("liquibase.showBanner", "false");
	}

	@Test
	void aDatabaseLiquibaseBuiltIsAdoptedThenANewChangesetAppliesRollsBackAndAppliesAgain() throws Exception {
		SqliteFixture fx = builtByLiquibase(CHANGELOG);
		assertThat(fx.query("SELECT count(*) FROM DATABASECHANGELOG")).containsExactly("4");
		assertThatThrownBy(() -> fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Liquibase's databasechangelog history: 4 versions applied (ada:create-users to bob:backfill")
			.hasMessageContaining("set migrator.adopt=liquibase");
		fx.write("changelog.sql", CHANGELOG + """

				--changeset carol:tags
				CREATE TABLE tags (name TEXT PRIMARY KEY);
				--rollback DROP TABLE tags;
				""");
		Migrator migrator = fx.configure().adopt("liquibase").load();

		RunResult run = migrator.migrate();

		assertThat(run.migrations()).extracting((m) -> m.description()).containsExactly("carol:tags");
		assertThat(migrator.info().applied()).extracting((m) -> m.description())
			.containsExactly("ada:create-users", "ada:seed", "bob:lowercase_trigger", "bob:backfill", "carol:tags");
		assertThat(fx.query("SELECT action || ' ' || version FROM schema_migrations_log ORDER BY id"))
			.containsExactly("adopt 1.1", "adopt 1.2", "adopt 1.3", "adopt 1.4", "migrate 1.5");
		List<String> migrated = ConventionScenarios.applicationDump(fx);
		assertThat(migrated).contains("table tags: CREATE TABLE tags (name TEXT PRIMARY KEY)",
				"users: 2|BOB@EXAMPLE.COM -- NOT A COMMENT");
		assertThat(migrator.migrate().migrations()).as("a second run").isEmpty();

		migrator.rollback(1);
		assertThat(fx.tables()).doesNotContain("tags").contains("users", "DATABASECHANGELOG");
		migrator.migrate();
		assertThat(ConventionScenarios.applicationDump(fx)).isEqualTo(migrated);
		assertThat(fx.query("SELECT count(*) FROM DATABASECHANGELOG")).as("Liquibase's table is only read").containsExactly("4");
	}

	@Test
	void theChecksumsMigratorRecomputesAreLiquibasesOwn() throws Exception {
		// tabs, CRLF line breaks, comments inside the SQL and a changeset of several statements
		String changelog = ("--liquibase formatted sql\n\n--changeset ada:1\n--comment: tabs and CRLF\n"
				+ "CREATE TABLE\tnotes (\n\tid INTEGER PRIMARY KEY, -- the key\n\tbody TEXT DEFAULT 'a  b'\n);\n"
				+ "/* a block comment */ INSERT INTO notes (id) VALUES (1);\n--rollback DROP TABLE notes;\n\n"
				+ "--changeset ada:2 runInTransaction:false\nCREATE INDEX idx_body ON notes (body);\n").replace("\n", "\r\n");
		SqliteFixture fx = builtByLiquibase(changelog);

		Map<String, String> recomputed = LiquibaseChecksums.of("changelog.sql", changelog);

		assertThat(fx.query("SELECT author || ':' || id || ' ' || md5sum FROM DATABASECHANGELOG ORDER BY orderexecuted"))
			.containsExactly("ada:1 " + recomputed.get("ada:1"), "ada:2 " + recomputed.get("ada:2"));
		assertThat(recomputed.get("ada:1")).startsWith("9:");
	}

	@Test
	void aChangesetChangedAfterLiquibaseRanItIsRefusedNamingItAndTheDatabaseIsUnchanged() throws Exception {
		SqliteFixture fx = builtByLiquibase(CHANGELOG);
		fx.write("changelog.sql", CHANGELOG.replace("(2, 'bob@example.com -- not a comment')", "(2, 'bob@example.org')"));
		List<String> before = fx.dump();

		assertThatThrownBy(() -> fx.configure().adopt("liquibase").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Cannot adopt Liquibase's databasechangelog history, nothing was changed")
			.hasMessageContaining("changelog.sql: changeset ada:seed has changed since Liquibase ran it (MD5SUM in"
					+ " databasechangelog 9:")
			.hasMessageContaining("UPDATE DATABASECHANGELOG SET MD5SUM = NULL WHERE AUTHOR = 'ada' AND ID = 'seed'")
			.message()
			.doesNotContain("ada:create-users", "bob:backfill");
		assertThat(fx.dump()).isEqualTo(before);
		assertThat(fx.tables()).doesNotContain("schema_migrations");

		// what the message says to do when the change is meant
		try (Connection connection = fx.connect(); java.sql.Statement statement = connection.createStatement()) {
			statement.execute("UPDATE DATABASECHANGELOG SET MD5SUM = NULL WHERE AUTHOR = 'ada' AND ID = 'seed'");
		}
		fx.configure().adopt("liquibase").load().migrate();
		assertThat(fx.query("SELECT count(*) FROM schema_migrations")).containsExactly("4");
	}

	@Test
	void whitespaceLiquibaseIgnoresIsNoChange() throws Exception {
		SqliteFixture fx = builtByLiquibase(CHANGELOG);
		fx.write("changelog.sql", CHANGELOG.replace("UPDATE users SET email = upper(email) WHERE id = 2;",
				"UPDATE users\n    SET email = upper(email)\n    WHERE id = 2;"));

		fx.configure().adopt("liquibase").load().migrate();

		assertThat(fx.query("SELECT count(*) FROM schema_migrations")).containsExactly("4");
	}

	/** Writes the changelog and runs the real Liquibase's update on a new SQLite file. */
	private SqliteFixture builtByLiquibase(String changelog) throws Exception {
		SqliteFixture fx = new SqliteFixture(this.dir);
		Files.writeString(fx.migrations.resolve("changelog.sql"), changelog, StandardCharsets.UTF_8);
		try (Connection connection = DriverManager.getConnection(fx.url())) {
			Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
			try (Liquibase liquibase = new Liquibase("changelog.sql", new DirectoryResourceAccessor(fx.migrations), database)) {
				liquibase.update("");
			}
		}
		return fx;
	}

}
