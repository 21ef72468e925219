package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.cli.output.SecretMask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SettingSourcesTests {

	@TempDir
	Path folder;

	@Test
	void optionsWinOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
		Path file = Files.writeString(this.folder.resolve("m.properties"),
				"migrator.url=jdbc:sqlite:file.db\nmigrator.user=file-user\nmigrator.table=file_table\n");
		SettingSources sources = new SettingSources(Map.of(Setting.URL, "jdbc:sqlite:option.db"), file,
				Map.of("MIGRATOR_URL", "jdbc:sqlite:env.db", "MIGRATOR_USER", "env-user"));

		assertThat(sources.value(Setting.URL)).isEqualTo("jdbc:sqlite:option.db");
		assertThat(sources.origin(Setting.URL)).isEqualTo("--url");
		assertThat(sources.value(Setting.USER)).isEqualTo("env-user");
		assertThat(sources.origin(Setting.USER)).isEqualTo("MIGRATOR_USER");
		assertThat(sources.value(Setting.TABLE)).isEqualTo("file_table");
		assertThat(sources.origin(Setting.TABLE)).isEqualTo("migrator.table in " + file);
		assertThat(sources.value(Setting.PASSWORD)).isNull();
	}

	@Test
	void environmentVariablesFollowTheSpringBootNames() {
		assertThat(Setting.LOCK_WAIT_TIMEOUT.environmentVariable()).isEqualTo("MIGRATOR_LOCK_WAIT_TIMEOUT");
		assertThat(Setting.PASSWORD_FILE.environmentVariable()).isEqualTo("MIGRATOR_PASSWORD_FILE");
		assertThat(Setting.BACKUP_DIRECTORY.key()).isEqualTo("migrator.backup.directory");
	}

	@Test
	void thePasswordFileLosesOneTrailingLineBreakAndBecomesASecret() throws Exception {
		Path passwordFile = Files.writeString(this.folder.resolve("pw"), "  spaced secret \n");
		SecretMask mask = new SecretMask();

		Settings settings = Settings.resolve(new SettingSources(Map.of(), null,
				Map.of("MIGRATOR_PASSWORD_FILE", passwordFile.toString(), "MIGRATOR_LOCK_WAIT_TIMEOUT", "90s")), mask);

		assertThat(settings.password()).isEqualTo("  spaced secret ");
		assertThat(settings.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(settings.toString()).doesNotContain("spaced secret");
		assertThat(mask.apply("?password=  spaced secret ;x")).isEqualTo("?password=****;x");
	}

	@Test
	void bareLocationsAreFoldersAndClasspathOnesStay() {
		Settings settings = Settings.resolve(new SettingSources(
				Map.of(Setting.LOCATIONS, "db/migration, filesystem:/opt/m ,classpath:db/extra"), null, Map.of()),
				new SecretMask());

		assertThat(settings.locations()).containsExactly("filesystem:" + Path.of("db/migration").toAbsolutePath(),
				"filesystem:/opt/m", "classpath:db/extra");
		assertThat(settings.folders()).hasSize(2);
	}

	@Test
	void durationsReadAsOperatorsWriteThem() {
		assertThat(timeout("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(timeout("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(timeout("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(timeout("PT30S")).isEqualTo(Duration.ofSeconds(30));
		assertThatExceptionOfType(BadInputException.class).isThrownBy(() -> timeout("soon"))
			.withMessage("'soon' (from --lock-timeout) is not a duration: use e.g. 500ms, 30s, 2m, 1h or PT2M");
	}

	private static Duration timeout(String text) {
		return Settings.resolve(new SettingSources(Map.of(Setting.LOCK_WAIT_TIMEOUT, text), null, Map.of()),
				new SecretMask()).lockWaitTimeout();
	}

}
