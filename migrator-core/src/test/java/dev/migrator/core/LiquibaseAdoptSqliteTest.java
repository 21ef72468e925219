package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;

/**
 * A Liquibase formatted SQL project whose DATABASECHANGELOG (its columns as Liquibase creates them)
 * records the first changesets: adopted by author:id, a FAILED one refused.
 */
class LiquibaseAdoptSqliteTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("changelog.sql", """
				--liquibase formatted sql

				--changeset ada:1
				CREATE TABLE users (id INTEGER PRIMARY KEY);
				--rollback DROP TABLE users;

				--changeset ada:2
				CREATE TABLE tags (name TEXT);
				--rollback DROP TABLE tags;

				--changeset linus:3
				CREATE TABLE notes (id INTEGER PRIMARY KEY);
				--rollback DROP TABLE notes;
				""");
		try (Connection connection = this.fx.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
			statement.execute("CREATE TABLE tags (name TEXT)");
			statement.execute("CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,"
					+ " FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP NOT NULL, ORDEREXECUTED INT NOT NULL,"
					+ " EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255),"
					+ " TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255),"
					+ " DEPLOYMENT_ID VARCHAR(10))");
			statement.execute("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
					+ " VALUES ('1', 'ada', 'changelog.sql', '2024-01-01 10:00:00', 1, 'EXECUTED'),"
					+ " ('2', 'ada', 'changelog.sql', '2024-01-02 10:00:00', 2, 'EXECUTED')");
		}
	}

	@Test
	void changesetsAreAdoptedByAuthorAndIdAndTheNewOneApplies() throws Exception {
		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("This database holds Liquibase's databasechangelog history: 2 versions applied (ada:1 to ada:2")
			.hasMessageContaining("set migrator.adopt=liquibase");

		Migrator migrator = this.fx.configure().adopt("liquibase").load();
		assertThat(migrator.migrate().migrations()).extracting((m) -> m.description()).containsExactly("linus:3");
		assertThat(migrator.info().applied()).extracting((m) -> m.description()).containsExactly("ada:1", "ada:2", "linus:3");
		assertThat(this.fx.query("SELECT count(*) FROM DATABASECHANGELOG")).containsExactly("2");
	}

	@Test
	void aFailedChangesetIsRefused() throws Exception {
		try (Connection connection = this.fx.connect(); Statement statement = connection.createStatement()) {
			statement.execute("UPDATE DATABASECHANGELOG SET EXECTYPE = 'FAILED' WHERE ID = '2'");
		}
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().adopt("liquibase").load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("records version ada:2 as failed")
			.hasMessageContaining("delete its FAILED row from DATABASECHANGELOG");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aChecksumOfAnOlderLiquibaseIsNotCheckedAndTheChangesetIsAdopted() throws Exception {
		// Liquibase 2 and 3 wrote MD5SUMs of other formats ("3:…", "7:…"); only the current "9:" is comparable
		this.fx.execute("UPDATE DATABASECHANGELOG SET MD5SUM = '7:0123456789abcdef0123456789abcdef' WHERE ID = '1'");

		Migrator migrator = this.fx.configure().adopt("liquibase").load();

		assertThat(migrator.migrate().migrations()).extracting((m) -> m.description()).containsExactly("linus:3");
		assertThat(migrator.info().applied()).extracting((m) -> m.description()).containsExactly("ada:1", "ada:2", "linus:3");
	}

	@Test
	void anAdoptionWhoseCommitFailsImportsNothingAndCanBeRunAgain() throws Exception {
		dev.migrator.core.testing.FailingDataSource db = new dev.migrator.core.testing.FailingDataSource(this.fx.url())
			.failOn("commit", null);
		Migrator migrator = Migrator.configure().dataSource(db).locations("filesystem:" + this.fx.migrations)
			.adopt("liquibase").load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Adopting Liquibase's databasechangelog history failed, nothing was changed: ")
			.hasMessageContaining(dev.migrator.core.testing.FailingDataSource.MESSAGE);
		if (this.fx.tables().contains("schema_migrations")) {
			assertThat(this.fx.query("SELECT count(*) FROM schema_migrations")).as("nothing imported").containsExactly("0");
		}
		assertThat(this.fx.tables()).doesNotContain("notes");

		db.heal();
		assertThat(migrator.migrate().migrations()).extracting((m) -> m.description()).containsExactly("linus:3");
	}

}
