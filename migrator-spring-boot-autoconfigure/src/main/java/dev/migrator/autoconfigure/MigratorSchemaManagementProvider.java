package dev.migrator.autoconfigure;

import javax.sql.DataSource;

import dev.migrator.core.Migrator;

import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Spring Boot that Migrator manages the schema of the DataSources it migrates, so that Hibernate
 * does not default to {@code ddl-auto=create-drop} on an embedded database (a test slice's H2, say)
 * and drop what the migrations built; as Boot's Flyway integration does.
 */
class MigratorSchemaManagementProvider implements SchemaManagementProvider {

	private final Iterable<Migrator> migrators;

	MigratorSchemaManagementProvider(Iterable<Migrator> migrators) {
		this.migrators = migrators;
	}

	@Override
	public SchemaManagement getSchemaManagement(DataSource dataSource) {
		for (Migrator migrator : this.migrators) {
			if (migrator.configuration().dataSource() == dataSource) {
				return SchemaManagement.MANAGED;
			}
		}
		return SchemaManagement.UNMANAGED;
	}

}
