package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/**
 * The real jar with passwords that are also ordinary text: one character, digits, punctuation, a
 * space, the database's own name. The password is blanked where it stands as a value (the URL's
 * {@code password=} part, a quoted argument), so the JSON still parses with its numbers and keys
 * intact, backup ids still restore, and the text output still reads.
 */
class PasswordEdgeCasesIT {

	private static final String DISTINCTIVE = "s p@ce&y;pw";

	@TempDir
	Path directory;

	/**
	 * The passwords most likely to break the output if blanked wherever they occur: a digit (JSON's
	 * numbers) and JSON's quote, in every command's output. The third kind, a mix with a space and URL
	 * punctuation that must appear nowhere, is the failing-migration test's (below), which runs it by
	 * default with {@code -vv}, the output that prints the most of the URL; so each kind is tried at
	 * least once in the normal build. The whole set (a space alone, the database's name, more
	 * punctuation, and the mix here too) with {@code -Preliability}: each password costs nine CLI
	 * processes here.
	 */
	static List<String> passwords() {
		List<String> sample = List.of("1", "\"");
		return Boolean.getBoolean("migrator.cli.every-password")
				? List.of("1", "0", "123", ":", "\"", "\\", "*", " ", "app.db", "app", DISTINCTIVE) : sample;
	}

	@ParameterizedTest
	@MethodSource("passwords")
	void everyCommandPrintsParsableJsonAndUsableTextWithThePasswordBlanked(String password) {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");
		String url = urlWith(project, password);
		List<CliRun.Result> results = new ArrayList<>();

		JsonNode migrate = json(results, project, 0, password, url, "migrate", "--target", "002");
		assertThat(migrate.get("currentVersion").asString()).isEqualTo("002");
		assertThat(migrate.at("/migrations/0/durationMs").isIntegralNumber()).isTrue();
		JsonNode status = json(results, project, 0, password, url, "status");
		assertThat(status.get("database").asString()).isEqualTo(project.url() + "?password=****");
		assertThat(status.at("/overview/applied").asInt()).isEqualTo(2);
		assertThat(status.at("/overview/currentVersion").asString()).isEqualTo("002");
		JsonNode backups = json(results, project, 0, password, url, "backups");
		String id = backups.at("/backups/0/id").asString();
		assertThat(id).matches("app_\\d{8}_\\d{6}(-\\d+)?_v001\\.db");
		assertThat(backups.at("/backups/0/sizeBytes").asLong()).isPositive();
		JsonNode validate = json(results, project, 0, password, url, "validate");
		assertThat(validate.get("migrationsChecked").asInt()).isEqualTo(3);
		JsonNode rollback = json(results, project, 0, password, url, "rollback", "--steps", "1", "--dry-run");
		assertThat(rollback.get("dryRun").asBoolean()).isTrue();
		JsonNode restore = json(results, project, 0, password, url, "restore", id);
		assertThat(restore.toString()).contains(id);
		JsonNode error = json(results, project, 2, password, url, "restore", "no-such-backup");
		assertThat(error.at("/error/type").asString()).isEqualTo("bad_input");
		results.add(project.cli().run("status", "-vv", "--url", url, "--password", password));
		assertThat(results.get(results.size() - 1).stdout()).contains("?password=****", "001", "002");
		results.add(project.cli().run("--pasword", password, "status"));
		assertThat(results.get(results.size() - 1).exitCode()).isEqualTo(2);

		assertBlanked(results, password);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", DISTINCTIVE })
	void aFailingMigrationReportsItsErrorWithThePasswordBlanked(String password) {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("003")
			.migration("004_broken.sql", "INSERT INTO no_such_table VALUES (1);");
		String url = urlWith(project, password);
		List<CliRun.Result> results = new ArrayList<>();

		JsonNode failed = json(results, project, 1, password, url, "migrate", "-vv");
		assertThat(failed.at("/error/failure/version").asString()).isEqualTo("004");
		assertThat(failed.at("/error/failure/line").asInt()).isEqualTo(1);
		results.add(project.cli().run("status", "-vv", "--url", url, "--password", password));
		assertThat(results.get(1).stdout()).contains("Last error of migration 004", "no such table: no_such_table");

		assertBlanked(results, password);
	}

	private static void assertBlanked(List<CliRun.Result> results, String password) {
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.output()).as(result.toString()).doesNotContain("'" + password + "'");
			assertThat(valuesAfterPasswordKeys(result.output())).as(result.toString()).allMatch("****"::equals);
			if (password.equals(DISTINCTIVE)) {
				assertThat(result.output()).as(result.toString()).doesNotContain(password);
			}
		});
	}

	// a URL holds its parameters encoded, as an operator writes them; the password option holds it as it is
	private static String urlWith(Project project, String password) {
		return project.url() + "?password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
	}

	/** What follows each {@code password=} (or {@code password: }), up to where a value ends. */
	private static List<String> valuesAfterPasswordKeys(String output) {
		List<String> values = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?i)password\"?\\s*[=:]\\s*\"?([^&;\\s\"',)}]*)").matcher(output);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	private static JsonNode json(List<CliRun.Result> results, Project project, int exitCode, String password, String url,
			String... command) {
		List<String> args = new ArrayList<>(List.of(command));
		args.addAll(List.of("--json", "--url", url, "--password", password));
		CliRun.Result result = project.cli().run(args.toArray(String[]::new));
		results.add(result);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
		JsonNode json = result.json();
		assertThat(json.get("command").asString()).as(result.toString()).isEqualTo(command[0]);
		assertThat(json.get("exitCode").isIntegralNumber()).as(result.toString()).isTrue();
		assertThat(json.get("exitCode").asInt()).isEqualTo(exitCode);
		assertThat(json.has("error")).isTrue();
		return json;
	}

}
