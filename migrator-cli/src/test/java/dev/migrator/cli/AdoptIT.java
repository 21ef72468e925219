package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --adopt TOOL} (or {@code migrator.adopt} in the settings file) on a SQLite file whose
 * history another tool keeps, hand-made as that tool leaves it.
 */
class AdoptIT {

	private static final String ACCOUNTS = "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);";

	private static final String EMAIL = "ALTER TABLE accounts ADD COLUMN email TEXT;";

	@TempDir
	Path directory;

	@Test
	void aFlywayDatabaseStopsNamingTheOptionThenAdoptImportsAndAppliesOnlyTheNewMigration() {
		Project project = new Project(this.directory).migration("V1__create_accounts.sql", ACCOUNTS + "\n")
			.migration("V2__add_email.sql", EMAIL + "\n");
		execute(project, ACCOUNTS, EMAIL, """
				CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50),
				  description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT,
				  installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
				  execution_time INT NOT NULL, success BOOLEAN NOT NULL)""",
				flywayRow(1, "1", "create accounts", "V1__create_accounts.sql", ACCOUNTS),
				flywayRow(2, "2", "add email", "V2__add_email.sql", EMAIL));
		project.migration("V3__create_orders.sql",
				"CREATE TABLE orders (id INTEGER PRIMARY KEY, owner TEXT DEFAULT '${owner}');\n");
		String before = project.databaseChecksum();

		CliRun.Result refused = project.cli().run("migrate", "--placeholder", "owner=ops");
		assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
		assertThat(refused.stderr()).contains("Flyway's flyway_schema_history history: 2 versions applied",
				"nothing was changed", "--adopt flyway", "then 'migrator migrate' again");
		assertThat(refused.stdout()).doesNotContain("to apply");
		assertThat(project.databaseChecksum()).isEqualTo(before);

		CliRun.Result mistyped = project.cli().run("migrate", "--adopt", "flywy", "--placeholder", "owner=ops");
		assertThat(mistyped.exitCode()).as(mistyped.toString()).isNotZero();
		assertThat(mistyped.stderr()).contains("--adopt flyway", "(migrator.adopt=flywy names no history found here)");
		assertThat(project.databaseChecksum()).isEqualTo(before);

		CliRun.Result adopted = project.cli().run("migrate", "--adopt", "flyway", "--placeholder", "owner=ops");
		assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
		assertThat(adopted.stdout()).contains("taking over flyway's history first (--adopt flyway)",
				"Migrated from version 2 to 3: 1 migration").doesNotContain("3 to apply");
		assertThat(rows(project, "SELECT version || ' ' || status FROM schema_migrations ORDER BY version"))
			.containsExactly("1 applied", "2 applied", "3 applied");
		assertThat(rows(project, "SELECT description FROM schema_migrations_log WHERE action = 'adopt' ORDER BY version"))
			.hasSize(2)
			.allSatisfy((message) -> assertThat(message).contains("adopted from flyway_schema_history"));
		assertThat(rows(project, "SELECT dflt_value FROM pragma_table_info('orders') WHERE name = 'owner'"))
			.containsExactly("'ops'");
		assertThat(rows(project, "SELECT count(*) FROM flyway_schema_history")).containsExactly("2");

		CliRun.Result again = project.cli().run("migrate", "--placeholder", "owner=ops");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.stdout()).contains("Up to date at version 3");
	}

	@Test
	void aPlaceholderWithNoValueIsRefusedInTheCommandLinesWords() {
		Project project = new Project(this.directory).migration("V1__create_orders.sql",
				"CREATE TABLE orders (id INTEGER PRIMARY KEY, owner TEXT DEFAULT '${owner}');\n");

		CliRun.Result refused = project.cli().run("migrate");

		assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
		assertThat(refused.stderr()).contains("V1__create_orders.sql:1: placeholder ${owner} has no value",
				"--placeholder owner=VALUE (or migrator.placeholders.owner)");
		assertThat(refused.stderr()).doesNotContain("Builder");
	}

	@Test
	void theSettingsFileAdoptsGolangMigrateAndADirtyStateIsRefusedWithTheDatabaseUnchanged() throws IOException {
		Project project = new Project(this.directory).migration("000001_create_accounts.up.sql", ACCOUNTS + "\n")
			.migration("000001_create_accounts.down.sql", "DROP TABLE accounts;\n")
			.migration("000002_add_email.up.sql", EMAIL + "\n")
			.migration("000002_add_email.down.sql", "")
			.migration("000003_create_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n")
			.migration("000003_create_orders.down.sql", "DROP TABLE orders;\n");
		execute(project, ACCOUNTS, EMAIL, "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO schema_migrations VALUES (2, 1)");
		Files.writeString(this.directory.resolve("migrator.properties"),
				"migrator.table=migrator_history\nmigrator.adopt=golang-migrate\n", StandardCharsets.UTF_8);
		String before = project.databaseChecksum();

		CliRun.Result dirty = project.cli().run("migrate", "--config", "migrator.properties");
		assertThat(dirty.exitCode()).as(dirty.toString()).isNotZero();
		assertThat(dirty.stderr()).contains("dirty", "nothing was changed");
		assertThat(project.databaseChecksum()).isEqualTo(before);

		execute(project, "UPDATE schema_migrations SET dirty = 0");
		CliRun.Result adopted = project.cli().run("migrate", "--config", "migrator.properties");
		assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
		assertThat(adopted.stderr()).doesNotContain("is not a setting");
		assertThat(rows(project, "SELECT version || ' ' || status FROM migrator_history ORDER BY version"))
			.containsExactly("000001 applied", "000002 applied", "000003 applied");
		assertThat(rows(project, "SELECT name FROM sqlite_master WHERE name = 'orders'")).containsExactly("orders");
		assertThat(rows(project, "SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("2 0");
	}

	/** A successful row as Flyway writes it, with its CRC32 of the script's one line. */
	private static String flywayRow(int rank, String version, String description, String script, String line) {
		CRC32 crc = new CRC32();
		crc.update(line.getBytes(StandardCharsets.UTF_8));
		return "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
				+ " installed_by, execution_time, success) VALUES (" + rank + ", '" + version + "', '" + description
				+ "', 'SQL', '" + script + "', " + (int) crc.getValue() + ", 'deploy', 12, 1)";
	}

	private static void execute(Project project, String... statements) {
		try (Connection connection = DriverManager.getConnection(project.url());
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> rows(Project project, String sql) {
		try (Connection connection = DriverManager.getConnection(project.url());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
