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

}
