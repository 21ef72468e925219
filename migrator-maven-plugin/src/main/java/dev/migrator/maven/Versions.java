package dev.migrator.maven;

import org.apache.maven.plugin.MojoExecutionException;

import dev.migrator.core.api.MigrationVersion;

/** A version given in the pom, checked before the engine sees it. */
final class Versions {

	private Versions() {
	}

	static void check(String text, String parameter) throws MojoExecutionException {
		if (text == null) {
			return;
		}
		try {
			MigrationVersion.parse(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new MojoExecutionException(parameter + " " + text + ": " + ex.getMessage(), ex);
		}
	}

}
