package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar: a password given on the command line and in the URL is never printed, by commands
 * that succeed or fail, in text or JSON; and a restore id can only name a listed backup inside the
 * backup folder, never a link or path out of it.
 */
class SecurityIT {

	private static final String SECRET = "s3cret-XYZ";

	@TempDir
	Path directory;

	@Test
	void succeedingAndFailingCommandsNeverPrintThePassword() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");
		String url = project.url() + "?password=" + SECRET;
		List<CliRun.Result> results = new ArrayList<>();
		String[][] commands = { { "migrate", "-vv" }, { "status", "--json" }, { "status", "-vv" }, { "backups", "--json" },
				{ "pending" }, { "validate", "--json" }, { "rollback", "--steps", "1", "--json", "-vv" },
				{ "restore", "no-such-backup" } };
		for (String[] command : commands) {
			List<String> args = new ArrayList<>(List.of(command));
			args.addAll(List.of("--url", url, "--password", SECRET));
			results.add(project.cli().run(args.toArray(String[]::new)));
		}
		project.migration("004_broken.sql", "INSERT INTO no_such_table VALUES (1);");
		results.add(project.cli().run("migrate", "--json", "-vv", "--url", url, "--password", SECRET));

		assertThat(results).extracting(CliRun.Result::exitCode).contains(0).anyMatch((code) -> code != 0);
		assertThat(results).allSatisfy((result) -> assertThat(result.output()).as(result.toString()).doesNotContain(SECRET));
	}

	@Test
	void restoreRefusesLinksEncodedPathsAndAbsolutePathsTouchingNothing() throws IOException {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");
		project.engine().migrate();
		Path backups = this.directory.resolve("backups");
		String listed = project.engine().backups().get(0).id();
		Path outside = Files.copy(backups.resolve(listed), this.directory.resolve("outside.db"));
		Path link = Files.createSymbolicLink(backups.resolve(listed.replace("_v001", "_v002")), outside);
		String checksum = project.databaseChecksum();

		for (String id : List.of(link.getFileName().toString(), "..%2Foutside.db", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
				outside.toString(), backups.resolve(listed).toString())) {
			CliRun.Result result = project.cli().run("restore", id);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.stderr()).contains("No backup of this database has the id");
		}
		assertThat(project.databaseChecksum()).isEqualTo(checksum);
		assertThat(project.engine().backups()).extracting((backup) -> backup.id()).doesNotContain(link.getFileName().toString());
	}

}
