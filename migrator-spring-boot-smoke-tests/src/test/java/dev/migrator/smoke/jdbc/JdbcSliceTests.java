package dev.migrator.smoke.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code @JdbcTest} on its embedded H2 database: the migrations have run when the test method starts
 * (on ApplicationReadyEvent here, since only a JdbcTemplate depends on database initialization).
 */
@JdbcTest
class JdbcSliceTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theSchemaIsMigrated() {
		this.jdbc.update("INSERT INTO tasks (id, title) VALUES (1, 'write the docs')");
		assertThat(this.jdbc.queryForObject("SELECT done FROM tasks WHERE id = 1", Boolean.class)).isFalse();
		assertThat(this.jdbc.queryForList("SELECT version FROM schema_migrations ORDER BY version", String.class))
			.containsExactly("001", "002");
	}

}
