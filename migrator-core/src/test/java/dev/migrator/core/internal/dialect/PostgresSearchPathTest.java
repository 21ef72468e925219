package dev.migrator.core.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresSearchPathTest {

	@Test
	void theSchemaComesFirstAndTheRestOfThePathStays() {
		assertThat(PostgresDialect.searchPath("app", "\"$user\", public")).isEqualTo("app, \"$user\", public");
		assertThat(PostgresDialect.searchPath("app", "app, public")).isEqualTo("app, public");
		assertThat(PostgresDialect.searchPath("app", "\"app\", public")).isEqualTo("\"app\", public");
		assertThat(PostgresDialect.searchPath("app", "")).isEqualTo("app");
	}

}
