package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.ValidationException;

/**
 * {@code validate()} compiles pending statements without running them where the database can, and
 * says what it could not check; it changes nothing.
 */
abstract class SyntaxCheckScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100));");
		this.fx.configure().load().migrate();
	}

	@Test
	void aSyntaxErrorInAPendingStatementIsFoundWithoutRunningIt() throws Exception {
		this.fx.write("2_seed.sql", "INSERT INTO tasks VALUES (1, 'one');\n\nINSERT INTO tasks VALUES (2,, 'two');");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().load().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_seed.sql:3: ")
			.hasMessageContaining("without running it");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void statementsOverTablesAnEarlierStatementCreatesAreSaidToBeUnchecked() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO tags VALUES (1);");

		List<String> warnings = this.fx.configure().load().validate().warnings();

		assertThat(warnings).anySatisfy((w) -> assertThat(w).startsWith("Syntax checked without running: ")
			.contains("could not be", "only a dry run runs them"));
		assertThat(this.fx.tables()).doesNotContain("tags");
	}

	@Test
	void correctStatementsPass() throws Exception {
		this.fx.write("2_seed.sql", "INSERT INTO tasks VALUES (1, 'one');\nUPDATE tasks SET title = 'first' WHERE id = 1;");

		assertThat(this.fx.configure().load().validate().warnings()).noneSatisfy((w) -> assertThat(w).contains("Syntax"));
		assertThat(this.fx.dump()).noneSatisfy((row) -> assertThat(row).contains("first"));
	}

	@Test
	void aSyntaxErrorBehindLeadingCommentsIsFoundToo() throws Exception {
		this.fx.write("2_seed.sql", "INSERT INTO tasks VALUES (1, 'one');\n-- the second task\n/* a block\n comment */"
				+ " INSERT INTO tasks VALUES (2,, 'two');");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().load().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_seed.sql:")
			.hasMessageContaining("without running it");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

}
