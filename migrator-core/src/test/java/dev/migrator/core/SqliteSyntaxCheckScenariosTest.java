package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;

class SqliteSyntaxCheckScenariosTest extends SyntaxCheckScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	public static class Seed implements JavaMigration {

		@Override
		public String version() {
			return "3";
		}

		@Override
		public String description() {
			return "seed";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO tasks VALUES (3, 'three')");
			}
		}

	}

	/** An outer BEGIN ... COMMIT is the migration's own transaction, and Java has no SQL to compile: all checked. */
	@Test
	void aWrappedScriptAndAJavaMigrationLeaveNothingUnchecked() throws Exception {
		this.fx.write("2_seed.sql", "BEGIN;\nINSERT INTO tasks VALUES (1, 'one');\nCOMMIT;\n");

		var result = this.fx.configure().javaMigrations(new Seed()).load().validate();

		assertThat(result.warnings()).noneSatisfy((w) -> assertThat(w).contains("Syntax"));
		assertThat(this.fx.query("SELECT count(*) FROM tasks")).containsExactly("0");
	}

}
