package dev.migrator.smoke.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Data JPA application with {@code ddl-auto=validate} on SQLite starts with the starter and no
 * Migrator setting: the migrations run before Hibernate validates the schema.
 */
@ExtendWith(OutputCaptureExtension.class)
class JpaValidateOnSqliteTests {

	@TempDir
	Path dir;

	@Test
	void startsWithTheMigrationsAppliedBeforeHibernateValidates(CapturedOutput output) {
		try (ConfigurableApplicationContext context = app().run()) {
			TaskRepository tasks = context.getBean(TaskRepository.class);
			tasks.save(new Task(1L, "write the docs"));
			assertThat(tasks.findAll()).extracting(Task::getTitle).containsExactly("write the docs");
		}
		assertThat(output).contains("Migrations run during context start-up (migrator.run-on=auto), "
				+ "before the beans that need the schema: entityManagerFactory");
	}

	// The same application with the migrations on ApplicationReadyEvent: Hibernate validates first and
	// fails, which is what the automatic order prevents.
	@Test
	void withRunOnReadyHibernateValidatesAnEmptyDatabaseAndFails() {
		assertThatException().isThrownBy(() -> app().properties("migrator.run-on=ready").run().close())
			.havingRootCause()
			.withMessageContaining("missing table [tasks]");
	}

	private SpringApplicationBuilder app() {
		return new SpringApplicationBuilder(JpaApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:sqlite:" + this.dir.resolve("app.db"),
					"spring.jpa.hibernate.ddl-auto=validate",
					"spring.jpa.database-platform=org.hibernate.community.dialect.SQLiteDialect");
	}

}
