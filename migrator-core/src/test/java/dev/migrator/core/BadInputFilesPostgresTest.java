package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.ValidationException;

/** The bad-input catalogue for files and scripts on a real PostgreSQL, plus its own quoting. */
class BadInputFilesPostgresTest extends BadInputFilesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new PostgresFixture(dir);
	}

	@Test
	void unterminatedDollarQuote() throws Exception {
		List<String> before = this.fx.dump();
		this.fx.write("2_touch.sql", """
				CREATE TABLE tags (id INTEGER);
				CREATE FUNCTION touch() RETURNS trigger AS $body$
				BEGIN
				  NEW.id := NEW.id + 1;
				  RETURN NEW;
				END;
				$bdoy$ LANGUAGE plpgsql;
				""");

		ValidationException ex = refused("unterminated dollar quote", ValidationException.class,
				() -> this.fx.migrator().migrate());

		assertThat(ex).hasMessageContaining(path("2_touch.sql")
				+ ":2: unterminated dollar-quoted string ($body$) that starts here; add the closing $body$");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

}
