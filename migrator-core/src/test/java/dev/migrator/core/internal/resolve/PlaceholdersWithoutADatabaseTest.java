package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.ValidationException;

/**
 * Flyway's database placeholders when no database is asked (the build-time index, which knows only
 * the vendor): the default schema is the one configured, else the vendor's; the user and database
 * stay as written; a vendor with no one default schema is a problem naming the line and the setting.
 */
class PlaceholdersWithoutADatabaseTest {

	@TempDir
	Path dir;

	@BeforeEach
	void flywayScript() throws Exception {
		Files.writeString(this.dir.resolve("V1__grants.sql"),
				"-- grants\nCREATE TABLE ${flyway:defaultSchema}.audit (id INTEGER);\nGRANT SELECT ON audit TO ${flyway:user};\n");
	}

	@Test
	void theDefaultSchemaIsTheVendorsAndTheUserStaysAsWritten() {
		assertThat(up("postgresql", null)).isEqualTo(
				"-- grants\nCREATE TABLE public.audit (id INTEGER);\nGRANT SELECT ON audit TO ${flyway:user};\n");
		assertThat(up("sqlite", null)).contains("CREATE TABLE main.audit");
	}

	@Test
	void aConfiguredSchemaIsTheDefaultSchemaOnAnyVendor() {
		assertThat(up("mysql", "tenant_a")).contains("CREATE TABLE tenant_a.audit");
	}

	@Test
	void aVendorWithNoDefaultSchemaIsAProblemNamingTheLineAndTheSetting() {
		assertThatThrownBy(() -> up("mysql", null)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("V1__grants.sql:2: placeholder ${flyway:defaultSchema} has no value; set it with"
					+ " migrator.placeholders.\"flyway:defaultSchema\" (Builder.placeholders(...))");
	}

	private String up(String vendor, String schema) {
		Resolution resolution = new MigrationResolver(Migrator.configure()
			.url("jdbc:unused")
			.schema(schema)
			.locations("filesystem:" + this.dir)
			.configuration(), vendor).resolve();
		return resolution.migrations().get(0).up().sql();
	}

}
