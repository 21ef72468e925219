package dev.migrator.core.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresDialectSettingsTest {

	@Test
	void theSchemaComesFirstAndTheRestOfThePathStays() {
		assertThat(PostgresDialect.searchPath("app", "\"$user\", public")).isEqualTo("app, \"$user\", public");
		assertThat(PostgresDialect.searchPath("app", "app, public")).isEqualTo("app, public");
		assertThat(PostgresDialect.searchPath("app", "\"app\", public")).isEqualTo("\"app\", public");
		assertThat(PostgresDialect.searchPath("app", "")).isEqualTo("app");
	}

	@Test
	void timeoutsBeyondWhatPostgresTakesMeanNone() {
		assertThat(PostgresDialect.millis(java.time.Duration.ofSeconds(5))).isEqualTo("5000ms");
		assertThat(PostgresDialect.millis(java.time.Duration.ofDays(30))).isEqualTo("0ms");
	}

}
