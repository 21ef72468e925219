package dev.migrator.smoke.twodatasources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A real application with two DataSources and no choice stops with Spring Boot's failure report. */
@ExtendWith(OutputCaptureExtension.class)
class TwoDataSourcesTests {

	@TempDir
	Path dir;

	@Test
	void stopsWithAReportThatSaysHowToChoose(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TwoDataSourcesApplication.class)
			.web(WebApplicationType.NONE)
			.properties("orders.url=jdbc:sqlite:" + this.dir.resolve("orders.db"),
					"reports.url=jdbc:sqlite:" + this.dir.resolve("reports.db"),
					// JPA has its own complaint about two DataSources; this application is about Migrator's
					"spring.autoconfigure.exclude=org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
							+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration")
			.run()
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Migrator found 2 DataSource beans (orders, reports) and none is marked @Primary or "
					+ "@MigratorDataSource")
			.contains("annotate the DataSource bean to migrate with @MigratorDataSource");
		assertThat(Files.exists(this.dir.resolve("orders.db"))).isFalse();
		assertThat(Files.exists(this.dir.resolve("reports.db"))).isFalse();
	}

}
