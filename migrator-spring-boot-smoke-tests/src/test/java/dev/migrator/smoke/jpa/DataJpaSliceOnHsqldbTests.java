package dev.migrator.smoke.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** The same slice on the other embedded test database Spring Boot offers, HSQLDB. */
@DataJpaTest
@AutoConfigureTestDatabase(connection = EmbeddedDatabaseConnection.HSQLDB)
@TestPropertySource(properties = "spring.jpa.hibernate.ddl-auto=validate")
class DataJpaSliceOnHsqldbTests {

	@Autowired
	TaskRepository tasks;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theRepositoryWorksOnTheMigratedSchema() {
		this.tasks.save(new Task(1L, "write the docs"));
		assertThat(this.tasks.findAll()).extracting(Task::getTitle).containsExactly("write the docs");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(2);
	}

}
