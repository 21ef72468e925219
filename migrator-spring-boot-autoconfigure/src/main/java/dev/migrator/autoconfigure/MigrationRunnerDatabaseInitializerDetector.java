package dev.migrator.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link MigrationRunner}, so that beans that depend on
 * database initialization (JdbcTemplate, JdbcClient, JPA, {@code @DependsOnDatabaseInitialization})
 * are created after it: with {@code migrator.run-on=startup} they see the migrated schema.
 */
class MigrationRunnerDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(MigrationRunner.class);
	}

	// After the schema, before spring.sql.init scripts that fill it.
	@Override
	public int getOrder() {
		return 1;
	}

}
