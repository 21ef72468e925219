package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureDataSourceInitialization;

/**
 * The JDBC test slices ({@code @JdbcTest}, {@code @DataJpaTest}, {@code @DataJdbcTest},
 * {@code @JooqTest}) import what {@code @AutoConfigureDataSourceInitialization} lists, as Spring Boot's
 * Flyway registers itself; the smoke-tests module runs the slices themselves.
 */
class TestSliceRegistrationTests {

	@Test
	void theDataSourceInitializationOfTestSlicesIncludesMigrator() {
		assertThat(ImportCandidates.load(AutoConfigureDataSourceInitialization.class, getClass().getClassLoader()))
			.contains(MigratorAutoConfiguration.class.getName());
	}

}
