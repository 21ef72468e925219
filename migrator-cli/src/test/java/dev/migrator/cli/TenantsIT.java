package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** {@code migrate} and {@code status} over a {@code --tenants} file of three SQLite tenants, one of them bad. */
class TenantsIT {

	@TempDir
	Path directory;

	@Test
	void migratesEveryTenantOfTheFileAndShowsEachOnesState() throws Exception {
		Project project = Project.withThreeMigrations(this.directory);
		Path tenants = tenantsFile();
		execute("globex", "CREATE TABLE tags (id INTEGER)");

		CliRun.Result migrate = new CliRun(this.directory).run("migrate", "--tenants", tenants.toString(),
				"--locations", project.migrations().toString(), "--tenants-on-failure", "continue");
		CliRun.Result status = new CliRun(this.directory).run("status", "--tenants", tenants.toString(), "--locations",
				project.migrations().toString(), "--json");

		assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(1);
		assertThat(migrate.stdout()).containsPattern("acme +migrated +003 +001, 002, 003")
			.containsPattern("globex +FAILED")
			.containsPattern("initech +migrated +003")
			.contains("3 tenants: 2 migrated, 0 up to date, 1 failed (globex), 0 not started");
		assertThat(migrate.stderr()).contains("globex: ").contains("002_add_tags.sql");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		JsonNode json = status.json().get("tenants");
		assertThat(json.get(0).get("currentVersion").asString()).isEqualTo("003");
		assertThat(json.get(1).get("currentVersion").asString()).isEqualTo("001");
		assertThat(json.get(1).get("pending").asInt()).isEqualTo(2);
	}

	@Test
	void aMistypedTenantLineIsBadInputNamingFileAndLineAndNothingIsMigrated() throws Exception {
		Project project = Project.withThreeMigrations(this.directory);
		Path tenants = this.directory.resolve("tenants.txt");
		Files.writeString(tenants, "acme=jdbc:sqlite:" + this.directory.resolve("acme.db") + "\nglobex jdbc:sqlite:g.db\n",
				StandardCharsets.UTF_8);

		CliRun.Result migrate = new CliRun(this.directory).run("migrate", "--tenants", tenants.toString(), "--locations",
				project.migrations().toString());

		assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(2);
		assertThat(migrate.stderr()).contains(tenants + ":2: 'globex jdbc:sqlite:g.db' is not a tenant line");
		assertThat(this.directory.resolve("acme.db")).doesNotExist();
	}

	private Path tenantsFile() throws Exception {
		StringBuilder text = new StringBuilder("# name=JDBC URL\n");
		for (String name : new String[] { "acme", "globex", "initech" }) {
			text.append(name).append("=jdbc:sqlite:").append(this.directory.resolve(name + ".db")).append('\n');
		}
		return Files.writeString(this.directory.resolve("tenants.txt"), text, StandardCharsets.UTF_8);
	}

	private void execute(String tenant, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.directory.resolve(tenant + ".db"));
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
