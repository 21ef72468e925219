package dev.migrator.maven;

import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.migrator.cli.MigratorSettings;

/**
 * {@code mvn migrator:create -Dmigrator.name="add task tags"}: writes the next-numbered up, down and
 * verify files into the first migration folder. Needs no database.
 */
@Mojo(name = "create", threadSafe = true)
public final class CreateMojo extends AbstractMigratorMojo {

	/** What the migration does, e.g. {@code add task tags}. */
	@Parameter(property = "migrator.name", required = true)
	String name;

	@Override
	void run(MigratorSettings settings) throws MojoExecutionException {
		List<Path> folders = folders(settings);
		if (folders.isEmpty()) {
			throw new MojoExecutionException("create writes into a folder, and no location is one ("
					+ String.join(", ", settings.locations()) + "); set <locations> to a folder");
		}
		List<Path> written = MigratorSettings.createMigration(folders, this.name);
		getLog().info("Created migration in " + folders.get(0) + ":");
		written.forEach((file) -> getLog().info("  " + file.getFileName()));
	}

}
