package dev.migrator.core.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.ValidationException;

/** {@code {vendor}} in locations, as the resolver sees it: the vendor passed in, never a connection. */
class MigrationResolverVendorTest {

	@TempDir
	Path dir;

	@Test
	void theVendorReplacesThePlaceholder() throws Exception {
		Files.writeString(Files.createDirectories(this.dir.resolve("mariadb")).resolve("1_a.sql"), "SELECT 1;");

		Resolution resolution = new MigrationResolver(configuration(), "mariadb").resolve();

		assertThat(resolution.migrations()).singleElement()
			.satisfies((m) -> assertThat(m.up().name()).endsWith("mariadb/1_a.sql"));
	}

	@Test
	void withoutAVendorSuchALocationIsAProblem() {
		assertThatThrownBy(() -> new MigrationResolver(configuration()).resolve())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("names the database vendor, and no database is known here");
	}

	private dev.migrator.core.api.Configuration configuration() {
		return Migrator.configure()
			.url("jdbc:unused")
			.locations("filesystem:" + this.dir + "/{vendor}")
			.configuration();
	}

}
