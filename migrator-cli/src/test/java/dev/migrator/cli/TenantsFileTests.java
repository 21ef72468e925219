package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantsFileTests {

	@TempDir
	Path dir;

	@Test
	void readsNamesUrlsAndSchemasSkippingCommentsAndBlankLines() throws Exception {
		Path file = Files.writeString(this.dir.resolve("tenants.txt"), """
				# shared database, one schema each
				acme=jdbc:postgresql://db:5432/app schema=acme

				globex=jdbc:sqlite:globex.db
				""");

		assertThat(TenantsFile.read(file)).containsExactly(
				new TenantsFile.Line("acme", "jdbc:postgresql://db:5432/app", "acme", file + ":2"),
				new TenantsFile.Line("globex", "jdbc:sqlite:globex.db", null, file + ":4"));
	}

	@Test
	void refusesATenantNamedTwiceAUrlThatIsNotJdbcAndAnEmptyFileNamingFileAndLine() throws Exception {
		Path twice = Files.writeString(this.dir.resolve("twice.txt"), "a=jdbc:sqlite:a.db\na=jdbc:sqlite:b.db\n");
		Path notJdbc = Files.writeString(this.dir.resolve("url.txt"), "a=postgres://db/app\n");
		Path mistyped = Files.writeString(this.dir.resolve("schema.txt"), "a=jdbc:sqlite:a.db shema=x\n");
		Path empty = Files.writeString(this.dir.resolve("empty.txt"), "# nobody yet\n");

		assertThatThrownBy(() -> TenantsFile.read(twice)).isInstanceOf(BadInputException.class)
			.hasMessage(twice + ":2: the tenant 'a' is named twice; give each its own name");
		assertThatThrownBy(() -> TenantsFile.read(notJdbc)).hasMessageStartingWith(notJdbc + ":1: 'postgres://db/app' is not a JDBC URL");
		assertThatThrownBy(() -> TenantsFile.read(mistyped)).hasMessageContaining(mistyped + ":1: 'a=jdbc:sqlite:a.db shema=x' is not a tenant line");
		assertThatThrownBy(() -> TenantsFile.read(empty)).hasMessageContaining("names no tenant");
		assertThatThrownBy(() -> TenantsFile.read(this.dir.resolve("missing.txt"))).hasMessageContaining("Cannot read the --tenants file");
	}

}
