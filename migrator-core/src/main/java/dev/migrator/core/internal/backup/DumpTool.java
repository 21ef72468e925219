package dev.migrator.core.internal.backup;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.migrator.core.api.MigratorException;

/**
 * A vendor's dump tool ({@code pg_dump}, {@code mysqldump}) for backups of server databases: the
 * configured one, or the first on the PATH. Its siblings (PostgreSQL's {@code pg_restore}) are
 * looked for beside it, since the client tools are installed together.
 *
 * @param executable the tool itself
 */
public record DumpTool(Path executable) {

	/**
	 * The configured tool, which must be there, or the first {@code name} on {@code path}; empty when
	 * none is configured and the PATH has none.
	 * @param configured {@code backup.dump-tool}, or null to search the PATH
	 * @param path the PATH, folders separated by the platform's separator; may be null
	 * @throws MigratorException if a configured tool is not an executable file
	 */
	public static Optional<DumpTool> find(Path configured, String name, String path) {
		if (configured != null) {
			if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
				throw new MigratorException("The dump tool " + configured + " (migrator.backup.dump-tool) is not an"
						+ " executable file: install the database's client tools and point the setting at " + name
						+ ", remove the setting to use the " + name + " on the PATH, or turn backups off"
						+ " (migrator.backup.enabled=false)");
			}
			return Optional.of(new DumpTool(configured));
		}
		if (path == null) {
			return Optional.empty();
		}
		for (String folder : path.split(File.pathSeparator)) {
			if (folder.isBlank()) {
				continue;
			}
			Path candidate = Path.of(folder, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(new DumpTool(candidate));
			}
		}
		return Optional.empty();
	}

	/** A tool installed beside this one, if it is there. */
	public Optional<Path> sibling(String name) {
		Path sibling = this.executable.resolveSibling(name);
		return (Files.isRegularFile(sibling) && Files.isExecutable(sibling)) ? Optional.of(sibling) : Optional.empty();
	}

}
