package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidationException;

/**
 * A script's {@code -- migrator:} directives as a user writes them: every duration unit, a bare 0,
 * {@code requires=}, and the problems and warnings that say what to write instead.
 */
class ScriptDirectivesTest {

	@TempDir
	Path dir;

	@Test
	void timeoutsAreReadInHoursAndABareZeroMeansNone() throws Exception {
		write("1_slow.sql", "-- migrator:lock-timeout=1h\n-- migrator:statement-timeout=0\nCREATE TABLE t (id INTEGER);\n");
		write("2_needs.sql", "-- migrator:requires=1\nCREATE TABLE u (id INTEGER);\n");

		Resolution resolution = resolve(Migrator.configure());

		SqlScript up = resolution.migrations().get(0).up();
		assertThat(up.lockTimeout()).isEqualTo(Duration.ofHours(1));
		assertThat(up.statementTimeout()).isEqualTo(Duration.ZERO);
		assertThat(resolution.migrations().get(1).prerequisites().describe()).isEqualTo("requires 1");
		assertThat(resolution.warnings()).isEmpty();
	}

	@Test
	void inTransactionModeAllATimeoutDirectiveIsWarnedToHaveNoEffect() throws Exception {
		write("1_slow.sql", "-- migrator:lock-timeout=5s\nCREATE TABLE t (id INTEGER);\n");
		write("2_fast.sql", "CREATE TABLE u (id INTEGER);\n");

		Resolution resolution = resolve(Migrator.configure().transactionMode(TransactionMode.ALL));

		assertThat(resolution.warnings()).singleElement().satisfies((w) -> assertThat(w).endsWith("1_slow.sql: its"
				+ " lock-timeout and statement-timeout directives have no effect in transaction mode ALL, where one"
				+ " transaction runs every migration with the configured timeouts (migrator.migration-lock-timeout,"
				+ " migrator.statement-timeout)"));
	}

	@Test
	void aTimeoutWithNoValueIsAProblemSayingWhatToWrite() throws Exception {
		write("1_slow.sql", "-- migrator:lock-timeout=\nCREATE TABLE t (id INTEGER);\n");

		assertThatThrownBy(() -> resolve(Migrator.configure())).isInstanceOf(ValidationException.class)
			.hasMessageContaining("directive migrator:lock-timeout needs a duration such as 500ms, 5s, 2min or 1h (0 for"
					+ " none), not nothing");
	}

	@Test
	void liquibaseAttributesAndLinesMigratorDoesNotReadAreProblemsNamingThem() throws Exception {
		write("001-changelog.sql", "--liquibase formatted sql\nCREATE TABLE early (id INTEGER);\n\n"
				+ "--changeset ada:1 endDelimiter:/ colour:blue\nCREATE TABLE t (id INTEGER);\n");
		write("002-nothing.sql", "--liquibase formatted sql\n-- nothing yet\n");

		assertThatThrownBy(() -> resolve(Migrator.configure())).isInstanceOf(ValidationException.class)
			.hasMessageContaining("SQL before the first --changeset belongs to no changeset; start it with --changeset"
					+ " <author>:<id>")
			.hasMessageContaining("endDelimiter is not read by Migrator, whose splitter knows each dialect's quotes and"
					+ " blocks; remove it")
			.hasMessageContaining("unknown changeset attribute colour; remove it")
			.hasMessageContaining("002-nothing.sql: is Liquibase formatted SQL with no --changeset <author>:<id> line;"
					+ " add one, or delete the file");
	}

	private Resolution resolve(Migrator.Builder builder) {
		return new MigrationResolver(builder.url("jdbc:sqlite::memory:").locations("filesystem:" + this.dir).configuration())
			.resolve();
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.dir.resolve(name), content);
	}

}
