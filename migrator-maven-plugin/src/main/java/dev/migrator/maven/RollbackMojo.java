package dev.migrator.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.migrator.cli.MigratorSettings;
import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/**
 * {@code mvn migrator:rollback}: runs the downs of the newest migrations, newest first, after a
 * verified backup; refused when a down would drop data, unless {@code allowDataLoss}.
 */
@Mojo(name = "rollback", threadSafe = true)
public final class RollbackMojo extends AbstractMigratorMojo {

	/** Roll back the newest N migrations (default 1); leave out when {@link #to} is given. */
	@Parameter(property = "migrator.steps")
	Integer steps;

	/** Roll back every migration above this version (0: all). */
	@Parameter(property = "migrator.to")
	String to;

	/** Run the downs on a throwaway copy and report; the database is not changed. */
	@Parameter(property = "migrator.dry-run", defaultValue = "false")
	boolean dryRun;

	/** Go ahead even when the downs drop tables or columns holding data. */
	@Parameter(property = "migrator.allow-data-loss", defaultValue = "false")
	boolean allowDataLoss;

	/** Go ahead through downs that are empty or only comments: their migrations are marked rolled back while their changes stay. */
	@Parameter(property = "migrator.allow-empty-down", defaultValue = "false")
	boolean allowEmptyDown;

	@Override
	void run(MigratorSettings settings) throws MojoExecutionException, MojoFailureException {
		String url = requireUrl(settings);
		if (this.steps != null && this.to != null) {
			throw new MojoExecutionException("<steps> " + this.steps + " and <to> " + this.to
					+ " both say how far back: give one of them");
		}
		if (this.steps != null && this.steps < 1) {
			throw new MojoExecutionException("<steps> " + this.steps + ": give 1 or more");
		}
		Versions.check(this.to, "<to>");
		RunOptions options = new RunOptions(this.dryRun, this.allowDataLoss, this.allowEmptyDown);
		RunResult result;
		try {
			result = (this.to != null) ? migrator(settings).rollbackTo(this.to.strip(), options)
					: migrator(settings).rollback((this.steps != null) ? this.steps : 1, options);
		}
		catch (DataLossException ex) {
			// the engine names the option (allowDataLoss); say how a build gives it
			throw new MojoFailureException(ex.getMessage() + System.lineSeparator() + "In the pom: <allowDataLoss>true"
					+ "</allowDataLoss>; for one run: -Dmigrator.allow-data-loss=true (a backup is taken first).", ex);
		}
		result.warnings().forEach(getLog()::warn);
		Report.backup(getLog(), result);
		if (!result.succeeded()) {
			throw new MojoFailureException(Report.dryRunFailure(result.failure()));
		}
		if (result.isEmpty()) {
			getLog().info("Nothing to roll back in " + url + " at version " + result.currentVersion() + ".");
			return;
		}
		getLog().info((result.dryRun() ? "Dry run: " + Report.count(result) + " would roll back in " : "Rolled back ")
				+ url + " from version " + result.previousVersion() + " to " + result.currentVersion()
				+ (result.dryRun() ? "; the database was not changed." : ": " + Report.count(result) + "."));
		for (DataLoss loss : result.dataLoss()) {
			if (loss.losesData()) {
				getLog().warn("Data " + (result.dryRun() ? "the down would remove" : "removed") + ": migration " + loss.version()
						+ " " + String.join(", ", loss.effects()));
			}
		}
	}

}
