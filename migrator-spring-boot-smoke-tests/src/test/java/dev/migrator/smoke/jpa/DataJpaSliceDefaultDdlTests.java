package dev.migrator.smoke.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code @DataJpaTest} with no ddl-auto set: on an embedded database Hibernate would default to
 * create-drop and rebuild the tables the migrations made, losing their rows; Migrator tells Boot it
 * manages that schema, so Hibernate leaves it alone.
 */
@DataJpaTest
@TestPropertySource(properties = "migrator.locations=classpath:db/migration,classpath:db/seed")
class DataJpaSliceDefaultDdlTests {

	@Autowired
	TaskRepository tasks;

	@Test
	void hibernateLeavesTheMigratedTablesAndTheirRowsAlone() {
		assertThat(this.tasks.findById(99L)).map(Task::getTitle).hasValue("seeded by a migration");
	}

}
