package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.MigratorException;

class PostgresDownVerificationScenariosTest extends DownVerificationScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

	/** PostgreSQL checks downs in one transaction rolled back: a script that cannot run in it is refused, by name. */
	@Test
	void aPendingNoTransactionMigrationIsRefusedByNameAndNothingRuns() throws Exception {
		this.fx.write("2_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE tags;")
			.write("3_index.sql", "-- migrator:no-transaction\nCREATE INDEX CONCURRENTLY tags_id ON tags (id);\n"
					+ "-- migrate:down\nDROP INDEX CONCURRENTLY tags_id;");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.configure().load().verifyDowns()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Checking downs on PostgreSQL runs in one transaction that is rolled back, and ")
			.hasMessageEndingWith("3_index.sql cannot run inside it (-- migrator:no-transaction); nothing was run")
			.message().doesNotContain("2_tags.sql");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

}
