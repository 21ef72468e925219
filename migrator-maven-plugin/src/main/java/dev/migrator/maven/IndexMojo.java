package dev.migrator.maven;

import java.nio.file.Path;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import dev.migrator.cli.MigratorSettings;
import dev.migrator.core.MigrationIndex;

/**
 * {@code mvn migrator:index}: writes the index of the migrations with their checksums into the
 * project's output folder ({@code META-INF/migrator/index} in the jar), so that an application's
 * up-to-date start compares it with the history instead of reading and hashing every file. A start
 * still reads the files when the index is missing or stale, and {@code validate} always does. Bound
 * by default to {@code process-classes}, after the resources are copied. Reads no database.
 */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public final class IndexMojo extends AbstractMigratorMojo {

	/** Any URL serves: the builder wants one, and the index reads no database. */
	private static final String NO_DATABASE = "jdbc:sqlite::memory:";

	@Override
	void run(MigratorSettings settings) {
		MigratorSettings offline = (settings.url() != null) ? settings : settings.withUrl(NO_DATABASE);
		Path index = MigrationIndex.write(migrator(offline).configuration(),
				Path.of(this.project.getBuild().getOutputDirectory()));
		getLog().info("Wrote the migration index " + index + " for " + settings.locations());
	}

}
