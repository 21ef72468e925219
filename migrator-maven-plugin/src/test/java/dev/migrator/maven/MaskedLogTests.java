package dev.migrator.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import dev.migrator.cli.MigratorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** A password given to the plugin never reaches the build's log, whatever line carries it. */
class MaskedLogTests {

	@Test
	void theGivenPasswordAndOneInTheUrlAreBlanked() {
		MigratorSettings settings = MigratorSettings.read(
				Map.of("migrator.url", "jdbc:postgresql://db/app?password=url-secret", "migrator.password", "pom secret"),
				null, null, Map.of(), Path.of("/work/app"), ParameterNames::of, "<configFile>", "<profile>",
				"classpath:db/migration");
		List<String> lines = new ArrayList<>();
		MaskedLog log = new MaskedLog(new SystemStreamLog() {
			@Override
			public void info(CharSequence content) {
				lines.add(content.toString());
			}

			@Override
			public void error(CharSequence content) {
				lines.add(content.toString());
			}
		}, settings::masked);

		log.info("Migrated " + settings.url() + " from version 0 to 002: 2 migrations.");
		log.error("Could not connect as app with password 'pom secret' to postgres://app:pom secret@db");

		assertThat(String.join("\n", lines)).doesNotContain("url-secret").doesNotContain("pom secret")
			.contains("Migrated jdbc:postgresql://db/app?password=****");
	}

}
