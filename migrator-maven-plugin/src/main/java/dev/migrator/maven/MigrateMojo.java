package dev.migrator.maven;

import java.io.IOException;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.migrator.cli.MigratorSettings;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/**
 * {@code mvn migrator:migrate}: applies pending migrations, after a verified backup. Bound by default
 * to generate-sources, so a database is migrated before jOOQ or JPA code is generated from it.
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class MigrateMojo extends AbstractMigratorMojo {

	/** Stop after this version (default: all pending). */
	@Parameter(property = "migrator.target")
	String target;

	/** Apply to a throwaway copy and report; the database is not changed. */
	@Parameter(property = "migrator.dry-run", defaultValue = "false")
	boolean dryRun;

	@Override
	void run(MigratorSettings settings) throws MojoExecutionException, MojoFailureException {
		String url = requireUrl(settings);
		Versions.check(this.target, "<target>");
		try {
			SqliteUrl.createFolderOf(url);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot create the folder of the database " + url + ": " + ex.getMessage()
					+ "; check the path in <url> and that this user may write there", ex);
		}
		RunResult result = migrator(settings).migrate(this.target, new RunOptions(this.dryRun, false));
		result.warnings().forEach(getLog()::warn);
		Report.backup(getLog(), result);
		if (!result.succeeded()) {
			throw new MojoFailureException(Report.dryRunFailure(result.failure()));
		}
		if (result.isEmpty()) {
			getLog().info(url + " is up to date at version " + result.currentVersion() + "; nothing to migrate.");
		}
		else if (result.dryRun()) {
			getLog().info("Dry run: " + Report.count(result) + " would apply to " + url + ", from version "
					+ result.previousVersion() + " to " + result.currentVersion() + "; the database was not changed.");
		}
		else {
			getLog().info("Migrated " + url + " from version " + result.previousVersion() + " to "
					+ result.currentVersion() + ": " + Report.count(result) + ".");
		}
	}

}
