package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.DownCheck;
import dev.migrator.core.api.MigrationState;

/**
 * {@code verifyDowns()}: each pending migration's up, down and up again, without changing the
 * database; a down that does not put the schema back is reported with the objects that differ.
 */
abstract class DownVerificationScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100));\n"
				+ "INSERT INTO tasks VALUES (1, 'one');\n-- migrate:down\nDROP TABLE tasks;");
		this.fx.configure().load().migrate();
	}

	@Test
	void aDownThatRestoresTheSchemaPassesAndTheDatabaseIsNotChanged() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);\n"
				+ "CREATE INDEX tags_name ON tags (name);\n-- migrate:down\nDROP TABLE tags;");
		List<String> before = this.fx.dump();

		List<DownCheck> checks = this.fx.configure().load().verifyDowns();

		assertThat(checks).singleElement().satisfies((check) -> {
			assertThat(check.version()).hasToString("2");
			assertThat(check.outcome()).isEqualTo(DownCheck.Outcome.RESTORES_SCHEMA);
			assertThat(check.differences()).isEmpty();
		});
		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.configure().load().status().migrations())
			.anySatisfy((m) -> assertThat(m.state()).isEqualTo(MigrationState.PENDING));
	}

	@Test
	void aDownThatForgetsAnObjectIsReportedWithIt() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nALTER TABLE tasks ADD COLUMN done INTEGER;\n"
				+ "-- migrate:down\nDROP TABLE tags;");

		List<DownCheck> checks = this.fx.configure().load().verifyDowns();

		assertThat(checks).singleElement().satisfies((check) -> {
			assertThat(check.outcome()).isEqualTo(DownCheck.Outcome.SCHEMA_DIFFERS);
			assertThat(check.passed()).isFalse();
			assertThat(check.differences()).singleElement().asString().contains("tasks", "changed");
		});
		assertThat(this.fx.columns("tasks")).doesNotContain("done");
	}

	@Test
	void aMigrationWithoutADownAndADownThatLeavesATableAreReported() throws Exception {
		this.fx.write("2_notes.sql", "CREATE TABLE notes (id INTEGER);");
		this.fx.write("3_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nCREATE TABLE labels (id INTEGER);\n"
				+ "-- migrate:down\nDROP TABLE labels;");
		this.fx.write("4_more.sql", "CREATE TABLE more (id INTEGER);\n-- migrate:down\nDROP TABLE more;");

		List<DownCheck> checks = this.fx.configure().load().verifyDowns();

		// 4 builds on what 3's down left: not tried
		assertThat(checks).extracting(DownCheck::outcome)
			.containsExactly(DownCheck.Outcome.NO_DOWN, DownCheck.Outcome.SCHEMA_DIFFERS);
		// PostgreSQL also names the table's primary key index
		assertThat(checks.get(1).differences()).anySatisfy((d) -> assertThat(d).startsWith("table tags: left by the down"))
			.allSatisfy((d) -> assertThat(d).contains("tags", "left by the down"));
		assertThat(this.fx.tables()).doesNotContain("tags", "labels", "notes", "more");
	}

	@Test
	void aDownThatFailsIsReportedWithItsError() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE no_such_table;");

		List<DownCheck> checks = this.fx.configure().load().verifyDowns();

		assertThat(checks).singleElement().satisfies((check) -> {
			assertThat(check.outcome()).isEqualTo(DownCheck.Outcome.FAILED);
			assertThat(check.error()).contains("its down failed", "no_such_table");
		});
		assertThat(this.fx.tables()).doesNotContain("tags");
	}

	@Test
	void nothingPendingChecksNothing() {
		assertThat(this.fx.configure().load().verifyDowns()).isEmpty();
	}

	@Test
	void aDownThatDropsMoreThanItsUpCreatedIsReportedWithWhatIsGone() throws Exception {
		this.fx.write("2_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, task_id INTEGER REFERENCES tasks (id));\n"
				+ "CREATE UNIQUE INDEX notes_task ON notes (task_id);\n-- migrate:down\nDROP TABLE notes;");
		this.fx.configure().load().migrate();
		this.fx.write("3_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE tags;\n"
				+ "DROP TABLE notes;");
		List<String> before = this.fx.dump();

		List<DownCheck> checks = this.fx.configure().load().verifyDowns();

		assertThat(checks).singleElement().satisfies((check) -> {
			assertThat(check.version()).hasToString("3");
			assertThat(check.passed()).isFalse();
			assertThat(check.differences()).anySatisfy((d) -> assertThat(d).contains("notes")
				.endsWith(": gone after the down (it was there before the up)"));
		});
		assertThat(this.fx.dump()).as("checked on a copy or rolled back").isEqualTo(before);
	}

}
