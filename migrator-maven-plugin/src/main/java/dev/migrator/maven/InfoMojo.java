package dev.migrator.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

import dev.migrator.cli.MigratorSettings;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationInfo;

/** {@code mvn migrator:info}: every migration and its state in the database. Reads only. */
@Mojo(name = "info", threadSafe = true)
public final class InfoMojo extends AbstractMigratorMojo {

	@Override
	void run(MigratorSettings settings) throws MojoExecutionException {
		String url = requireUrl(settings);
		InfoResult info = migrator(settings).info();
		info.warnings().forEach(getLog()::warn);
		getLog().info(url + " is at version " + info.currentVersion() + "; " + info.pending().size() + " pending.");
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "Version", "Description", "State", "Applied at" });
		for (MigrationInfo migration : info.migrations()) {
			rows.add(new String[] { migration.version().toString(), migration.description(), migration.state().name(),
					(migration.appliedAt() != null) ? migration.appliedAt().toString() : "" });
		}
		table(rows).forEach(getLog()::info);
		info.problems().forEach(getLog()::warn);
	}

	/** The rows in columns as wide as their widest cell. */
	static List<String> table(List<String[]> rows) {
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		List<String> lines = new ArrayList<>();
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(String.format("%-" + widths[i] + "s", row[i])).append((i < row.length - 1) ? "  " : "");
			}
			lines.add(line.toString().stripTrailing());
		}
		return lines;
	}

}
