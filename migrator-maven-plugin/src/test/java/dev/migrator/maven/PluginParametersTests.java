package dev.migrator.maven;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.migrator.cli.MigratorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting of the command line is a parameter of every goal, named after its key and given by
 * the same user property: a setting added to the command line and forgotten here fails this test.
 */
class PluginParametersTests {

	// written by maven-plugin-plugin in process-classes, before the tests run
	private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

	@Test
	void everySettingIsAParameterOfEveryGoalWithItsKeyAsTheProperty() throws Exception {
		String descriptor = Files.readString(DESCRIPTOR);
		for (String goal : new String[] { "migrate", "info", "validate", "rollback", "create", "index" }) {
			String mojo = mojo(descriptor, goal);
			for (String key : MigratorSettings.keys()) {
				assertThat(mojo).as(goal + " has a parameter for " + key)
					.contains("<" + ParameterNames.field(key) + " implementation=\"java.lang.String\">${" + key + "}</"
							+ ParameterNames.field(key) + ">")
					.contains("<name>" + ParameterNames.field(key) + "</name>");
			}
		}
	}

	@Test
	void keysBecomeCamelCaseParameters() {
		assertThat(ParameterNames.field("migrator.url")).isEqualTo("url");
		assertThat(ParameterNames.field("migrator.lock.wait-timeout")).isEqualTo("lockWaitTimeout");
		assertThat(ParameterNames.field("migrator.backup.retention.count")).isEqualTo("backupRetentionCount");
		assertThat(ParameterNames.of("migrator.out-of-order")).isEqualTo("<outOfOrder>");
	}

	private static String mojo(String descriptor, String goal) {
		int start = descriptor.indexOf("<goal>" + goal + "</goal>");
		assertThat(start).as("goal " + goal).isPositive();
		int end = descriptor.indexOf("</mojo>", start);
		return descriptor.substring(start, end);
	}

}
