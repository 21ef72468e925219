package dev.migrator.smoke.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code @DataJpaTest} as Spring Boot sets it up: an embedded H2 database in place of the
 * application's, Hibernate validating the schema; Migrator migrates it first, with nothing set.
 */
@DataJpaTest
@TestPropertySource(properties = "spring.jpa.hibernate.ddl-auto=validate")
class DataJpaSliceOnH2Tests {

	@Autowired
	TaskRepository tasks;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theRepositoryWorksOnTheMigratedSchema() {
		this.tasks.save(new Task(1L, "write the docs"));
		assertThat(this.tasks.findAll()).extracting(Task::getTitle).containsExactly("write the docs");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT DATABASE_PATH()", String.class)).as("in memory").isNull();
	}

}
