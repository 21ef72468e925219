package dev.migrator.core.internal.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Backups hold all of an application's data, so they are created readable by their owner only
 * (0600, folders 0700). Created with the mode rather than changed afterwards, so there is no moment
 * when another user could open them. File systems without POSIX permissions get the default.
 */
final class PrivateFiles {

	private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private PrivateFiles() {
	}

	/**
	 * Creates an empty file that must not exist yet; the atomic create is what keeps two backups
	 * from claiming the same name.
	 * @throws java.nio.file.FileAlreadyExistsException if the name is taken
	 */
	static Path createNew(Path file) throws IOException {
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
		}
		catch (UnsupportedOperationException ex) {
			return Files.createFile(file);
		}
		// A strict umask may have taken the owner's write bit too; SQLite must write into it.
		Files.setPosixFilePermissions(file, OWNER_FILE);
		return file;
	}

	/** Creates the folder, and any missing parents, if it does not exist. */
	static Path createDirectories(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			return directory;
		}
		try {
			return Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
		}
		catch (UnsupportedOperationException ex) {
			return Files.createDirectories(directory);
		}
	}

}
