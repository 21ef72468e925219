package dev.migrator.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a clear message and exit code 2 (6 for a database that cannot be reached), and
 * leaves the database file byte-for-byte as it was. Passwords never appear in the output.
 */
class BadInputIT {

	private static final String SECRET = "hunter2-Secret";

	@TempDir
	Path directory;

	private Project project;

	private String checksum;

	@BeforeEach
	void migratedProject() {
		this.project = Project.withThreeMigrations(this.directory).migratedTo("002");
		this.checksum = this.project.databaseChecksum();
	}

	private void assertUnchanged() {
		assertThat(this.project.databaseChecksum()).as("the database file's SHA-256").isEqualTo(this.checksum);
	}

	@Test
	void unknownCommandSuggestsTheRightOne() {
		CliRun.Result result = this.project.cli().run("statsu");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr()).contains("error: Unmatched argument at index 0: 'statsu'", "Did you mean: migrator status",
				"'migrator --help' shows the usage");
		assertThat(result.stdout()).isEmpty();
		assertUnchanged();
	}

	@Test
	void unknownOptionAndMalformedValuesAreBadInput() {
		CliRun.Result option = this.project.cli().run("migrate", "--tagret", "3");
		CliRun.Result target = this.project.cli().run("migrate", "--target", "3.x");
		CliRun.Result steps = this.project.cli().run("rollback", "--steps", "0");

		assertThat(option.exitCode()).as(option.toString()).isEqualTo(2);
		assertThat(option.stderr()).contains("Unknown options: '--tagret'", "'migrator migrate --help' shows the usage");
		assertThat(target.exitCode()).as(target.toString()).isEqualTo(2);
		assertThat(target.stderr()).contains("--target: '3.x' is not a version");
		assertThat(steps.exitCode()).as(steps.toString()).isEqualTo(2);
		assertThat(steps.stderr()).contains("--steps 0: give 1 or more");
		assertUnchanged();
	}

	@Test
	void aHistoryTableNameWithSqlInItIsBadInput() {
		CliRun.Result result = this.project.cli().run("migrate", "--table", "schema_migrations; DROP TABLE tasks");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr()).contains("Invalid history table name 'schema_migrations; DROP TABLE tasks'");
		assertUnchanged();
	}

	@Test
	void theUsageTheHintPointsToIsThere() {
		CliRun.Result help = this.project.cli().run("migrate", "--help");

		assertThat(help.exitCode()).as(help.toString()).isZero();
		assertThat(help.stdout()).contains("Usage: migrator migrate", "--target=VERSION", "--dry-run");
	}

	@Test
	void aUrlThatIsNotJdbcOrHasNoDriverIsBadInput() {
		CliRun.Result notJdbc = this.project.cli().run("migrate", "--url", this.project.database().toString());
		CliRun.Result noDriver = this.project.cli().run("migrate", "--url", "jdbc:oracle:thin:@localhost:1521:app");

		assertThat(notJdbc.exitCode()).as(notJdbc.toString()).isEqualTo(2);
		assertThat(notJdbc.stderr()).contains("is not a JDBC URL: it starts with jdbc:");
		assertThat(noDriver.exitCode()).as(noDriver.toString()).isEqualTo(2);
		assertThat(noDriver.stderr()).contains("No driver in this jar accepts the URL jdbc:oracle:thin:@localhost:1521:app");
		assertUnchanged();
	}

	@Test
	void noUrlAtAllSaysWhereOneGoes() {
		CliRun.Result result = new CliRun(this.directory).run("status");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr()).contains("No database given: use --url (or MIGRATOR_URL");
	}

	@Test
	void aMissingMigrationLocationIsBadInputNotAnEmptyProject() {
		CliRun.Result result = this.project.cli().run("migrate", "--locations", "db/migrations");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr()).contains("The migration location " + this.directory.resolve("db/migrations")
				+ " (from --locations) is not a folder that exists");
		assertUnchanged();
	}

	@Test
	void aSqliteDatabaseThatCannotOpenIsAConnectionFailureAndThePasswordIsNeverShown() {
		String url = "jdbc:sqlite:" + this.directory.resolve("no/such/folder/app.db") + "?password=" + SECRET;

		CliRun.Result result = this.project.cli().run("migrate", "-vv", "--url", url, "--password", SECRET);

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
		assertThat(result.stderr()).contains("Could not connect to the database", "password=****");
		assertThat(result.output()).doesNotContain(SECRET).doesNotContain("hunter2");
		assertUnchanged();
	}

	@Test
	void aRefusedPostgresqlLoginNeverShowsThePasswordFromTheUrlTheFileOrTheEnvironment() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Path passwordFile = Files.writeString(this.directory.resolve("password.txt"), "file-" + SECRET + "\n");
		String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=bob&password=url-" + SECRET;

		CliRun.Result fromFile = this.project.cli().run("status", "-v", "--url", url, "--password-file", passwordFile.toString());
		CliRun.Result fromEnvironment = this.project.cli()
			.env("MIGRATOR_PASSWORD", "env-" + SECRET)
			.run("status", "--json", "--url", "jdbc:postgresql://bob:userinfo-" + SECRET + "@127.0.0.1:" + closedPort + "/app");

		assertThat(fromFile.exitCode()).as(fromFile.toString()).isEqualTo(6);
		assertThat(fromFile.stderr()).contains("Could not connect to the database", "127.0.0.1:" + closedPort);
		assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isEqualTo(6);
		assertThat(fromEnvironment.json().at("/error/type").asString()).isEqualTo("connection_failed");
		assertThat(fromFile.output() + fromEnvironment.output()).doesNotContain(SECRET);
		assertUnchanged();
	}

	@Test
	void aMistypedPasswordOptionDoesNotEchoThePassword() {
		CliRun.Result result = this.project.cli().run("status", "--pasword=" + SECRET);

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.stderr()).contains("Unknown option");
		assertThat(result.output()).doesNotContain(SECRET);
	}

	@Test
	void aRestoreIdThatLeavesTheBackupFolderIsRefusedTouchingNothing() {
		CliRun.Result parent = this.project.cli().run("restore", "../app.db");
		CliRun.Result absolute = this.project.cli().run("restore", "../../../../../../etc/passwd");

		assertThat(parent.exitCode()).as(parent.toString()).isEqualTo(2);
		assertThat(parent.stderr()).contains("No backup of this database has the id '../app.db'", "'migrator backups' lists");
		assertThat(absolute.exitCode()).as(absolute.toString()).isEqualTo(2);
		assertUnchanged();
	}

	@Test
	void aMissingConfigFileOrABadSettingValueNamesWhereItCameFrom() {
		CliRun.Result config = this.project.cli().run("status", "--config", "nope.properties");
		CliRun.Result timeout = this.project.cli().env("MIGRATOR_LOCK_WAIT_TIMEOUT", "soon").run("migrate");

		assertThat(config.exitCode()).as(config.toString()).isEqualTo(2);
		assertThat(config.stderr()).contains("nope.properties (from --config) does not exist");
		assertThat(timeout.exitCode()).as(timeout.toString()).isEqualTo(2);
		assertThat(timeout.stderr()).contains("'soon' (from MIGRATOR_LOCK_WAIT_TIMEOUT) is not a duration");
		assertUnchanged();
	}

}
