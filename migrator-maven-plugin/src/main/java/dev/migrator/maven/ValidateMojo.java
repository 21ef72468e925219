package dev.migrator.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import dev.migrator.cli.MigratorSettings;
import dev.migrator.core.api.ValidateResult;

/**
 * {@code mvn migrator:validate}: whether the migrations and the database's history agree (changed,
 * missing, out-of-order, failed) and the pending scripts parse. Reads only; fails the build when not.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class ValidateMojo extends AbstractMigratorMojo {

	@Override
	void run(MigratorSettings settings) throws MojoExecutionException {
		String url = requireUrl(settings);
		ValidateResult result = migrator(settings).validate();
		result.warnings().forEach(getLog()::warn);
		getLog().info("Valid: " + result.migrationsChecked() + " migration" + ((result.migrationsChecked() == 1) ? "" : "s")
				+ " checked; the code and the history of " + url + " agree.");
	}

}
