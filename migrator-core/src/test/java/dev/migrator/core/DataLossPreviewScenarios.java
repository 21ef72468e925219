package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/** The rollback preview of the data the downs would drop, on every engine. */
abstract class DataLossPreviewScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));\n-- migrate:down\nDROP TABLE users;")
			.write("11_experiments.sql", """
					CREATE TABLE "experiments" (id INTEGER PRIMARY KEY);
					CREATE INDEX experiments_id ON experiments (id);
					-- migrate:down
					DROP INDEX experiments_id;
					DROP TABLE IF EXISTS "experiments";
					""")
			.write("12_email.sql", "ALTER TABLE users ADD COLUMN email VARCHAR(100);\n-- migrate:down\nALTER TABLE users DROP COLUMN email;")
			.write("13_cleanup.sql", "CREATE TABLE audit (id INTEGER);\n-- migrate:down\nDELETE FROM audit;\nDROP TABLE audit;");
		this.fx.migrator().migrate();
	}

	@Test
	void rollbackOverEmptyTablesGoesAheadAndReportsNothingLost() throws Exception {
		RunResult result = this.fx.migrator().rollbackTo("1");

		assertThat(result.dataLoss()).extracting(DataLoss::losesData).containsOnly(false);
		assertThat(result.dataLoss()).extracting((d) -> d.version().toString()).containsExactly("13", "12", "11");
		assertThat(result.dataLoss().get(2).effects()).containsExactly("drops table experiments (0 rows)");
	}

	@Test
	void rollbackThatWouldDropRowsIsRefusedWithTheReportAndChangesNothing() throws Exception {
		this.fx.execute("INSERT INTO experiments (id) VALUES " + IntStream.rangeClosed(1, 1234)
			.mapToObj((i) -> "(" + i + ")")
			.collect(Collectors.joining(", ")));
		this.fx.execute("INSERT INTO users (id, name, email) VALUES (1, 'a', 'a@example.com'), (2, 'b', NULL)");
		this.fx.execute("INSERT INTO audit VALUES (1), (2)");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().rollbackTo("1"))
			.isInstanceOfSatisfying(DataLossException.class, (ex) -> assertThat(ex.report()).hasSize(3))
			.hasMessageContaining("Rollback refused, nothing was changed")
			.hasMessageContaining("v13 -> v12: deletes every row of audit (2 rows), drops table audit (2 rows)")
			.hasMessageContaining("v12 -> v11: drops column users.email (1 value)")
			.hasMessageContaining("v11 -> v1: drops table experiments (1,234 rows)")
			.hasMessageContaining("allowDataLoss");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void allowDataLossLetsTheRollbackRunAndKeepsTheReport() throws Exception {
		this.fx.execute("INSERT INTO experiments (id) VALUES (1), (2)");

		RunResult result = this.fx.migrator().rollback(3, RunOptions.DEFAULT.withAllowDataLoss(true));

		assertThat(result.migrations()).hasSize(3);
		assertThat(result.dataLoss().get(2).rows()).isEqualTo(2);
		assertThat(this.fx.tables()).doesNotContain("experiments");
	}

	@Test
	void infoShowsTheEstimateForEachMigrationThatCanBeRolledBack() throws Exception {
		this.fx.execute("INSERT INTO users (id, name) VALUES (1, 'a')");

		List<MigrationInfo> infos = this.fx.migrator().info().migrations();

		assertThat(infos.get(0).dataLoss().effects()).containsExactly("drops table users (1 row)");
		assertThat(infos.get(0).dataLoss().losesData()).isTrue();
		assertThat(infos.get(2).dataLoss().effects()).containsExactly("drops column users.email (0 values)");
	}

	@Test
	void aDownEditedSoItNoLongerReadsMayLoseDataAndSaysWhy() throws Exception {
		this.fx.write("12_email.sql", "ALTER TABLE users ADD COLUMN email VARCHAR(100);\n-- migrate:down\n"
				+ "UPDATE users SET name = 'unterminated;\nALTER TABLE users DROP COLUMN email;");

		DataLoss loss = this.fx.migrator().info().migrations().get(2).dataLoss();

		assertThat(loss.effects()).singleElement().asString().startsWith("may lose data: cannot be read: ");
		assertThat(loss.losesData()).isTrue();
	}

	@Test
	void tableRebuildInADownIsNotDataLoss() throws Exception {
		this.fx.write("14_name_required.sql", """
				CREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
				INSERT INTO users_new (id, name, email) SELECT id, coalesce(name, '?'), email FROM users;
				DROP TABLE users;
				ALTER TABLE users_new RENAME TO users;
				-- migrate:down
				CREATE TABLE users_old (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
				INSERT INTO users_old (id, name, email)
					SELECT id, name, email FROM "users";
				DROP TABLE users;
				ALTER TABLE users_old RENAME TO users;
				""");
		this.fx.migrator().migrate();
		this.fx.execute("INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b')");

		RunResult result = this.fx.migrator().rollback(1);

		assertThat(result.dataLoss().get(0).effects()).containsExactly("rebuilds table users (2 rows copied)");
		assertThat(result.dataLoss().get(0).losesData()).isFalse();
		assertThat(this.fx.query("SELECT count(*) FROM users")).containsExactly("2");
	}

	@Test
	void statusSaysTheSameWithoutCountingRows() throws Exception {
		this.fx.execute("INSERT INTO users (id, name) VALUES (1, 'a')");

		List<MigrationInfo> infos = this.fx.migrator().status().migrations();

		assertThat(infos).extracting(MigrationInfo::rollbackAvailable).containsOnly(true);
		assertThat(infos).extracting(MigrationInfo::dataLoss).containsOnlyNulls();
	}

	@Test
	void tableThatIsAlreadyGoneCountsAsNothingToLose() throws Exception {
		this.fx.execute("DROP TABLE audit");

		assertThat(this.fx.migrator().info().migrations().get(3).dataLoss().effects())
			.containsExactly("deletes every row of audit (not there now)", "drops table audit (not there now)");
	}


	// ---- destructive downs written the other way: the tokenizer reads them, a text pattern did not ----

	/** Adds 14 with {@code down}, fills its table {@code t}, and returns the database as it is. */
	private List<String> destructiveDown(String down) throws Exception {
		this.fx.write("14_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, note VARCHAR(20));\n-- migrate:down\n" + down);
		this.fx.migrator().migrate();
		this.fx.execute("INSERT INTO t (id, note) VALUES (1, 'kept'), (2, 'kept')");
		this.fx.execute("INSERT INTO users (id, name) VALUES (7, 'u')");
		return this.fx.dump();
	}

	@Test
	void dropTableWithACommentInsideIsRefused() throws Exception {
		List<String> before = destructiveDown("DROP /* c */ TABLE t;");

		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(DataLossException.class)
			.hasMessageContaining("v14 -> v13: drops table t (2 rows)");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void dropTableOfSeveralTablesCountsEach() throws Exception {
		List<String> before = destructiveDown("DROP TABLE IF EXISTS audit, t;");

		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(DataLossException.class)
			.hasMessageContaining("drops table audit (0 rows), drops table t (2 rows)");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void truncateInEitherFormIsRefused() throws Exception {
		List<String> before = destructiveDown("TRUNCATE t;");

		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(DataLossException.class)
			.hasMessageContaining("empties table t (2 rows)");
		assertThat(this.fx.dump()).isEqualTo(before);

		this.fx.write("14_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, note VARCHAR(20));\n-- migrate:down\nTRUNCATE TABLE \"t\";");
		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(DataLossException.class)
			.hasMessageContaining("empties table t (2 rows)");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void updateWithoutWhereOverwritesEveryRow() throws Exception {
		List<String> before = destructiveDown("UPDATE t SET note = NULL;\nDROP TABLE IF EXISTS nothing_here;");

		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(DataLossException.class)
			.hasMessageContaining("overwrites every row of t (2 rows)");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aDestructiveFormTheEstimateCannotCountMayLoseDataAndIsRefused() throws Exception {
		List<String> before = destructiveDown("SELECT 1;\nDELETE FROM t\n  WHERE id IN (1) OR 1 = 1 ORDER BY id;\nREPLACE INTO users (id, name) VALUES (7, 'v');");

		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOfSatisfying(DataLossException.class,
				(ex) -> assertThat(ex.report().get(0).unestimated()).isTrue())
			.hasMessageContaining("may lose data: ")
			.hasMessageContaining("14_t.sql:6 REPLACE INTO users (id, name) VALUES (7, 'v')");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void deleteWithWhereUndoesTheUpsRowsAndIsNoLoss() throws Exception {
		destructiveDown("DELETE FROM t WHERE note = 'seeded';\nDROP TABLE t;");
		this.fx.execute("DELETE FROM t");

		RunResult result = this.fx.migrator().rollback(1);

		assertThat(result.dataLoss().get(0).effects()).containsExactly("drops table t (0 rows)");
		assertThat(this.fx.tables()).doesNotContain("t");
	}

	@Test
	void allowDataLossRunsAnUnestimatedDown() throws Exception {
		destructiveDown("REPLACE INTO users (id, name) VALUES (7, 'v');\nDROP TABLE t;");
		assumeReplaceInto();

		RunResult result = this.fx.migrator().rollback(1, RunOptions.DEFAULT.withAllowDataLoss(true));

		assertThat(result.dataLoss().get(0).losesData()).isTrue();
		assertThat(this.fx.tables()).doesNotContain("t");
	}

	/** PostgreSQL has no REPLACE INTO. */
	void assumeReplaceInto() {
		org.junit.jupiter.api.Assumptions.assumeFalse(this.fx.engine().toLowerCase(java.util.Locale.ROOT).contains("postgres"));
	}

}
