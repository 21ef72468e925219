package dev.migrator.core.internal.backup;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the backups of a server database (PostgreSQL, MySQL, MariaDB) go when
 * {@code backup.directory} is not set. A SQLite database keeps them beside its file; a server
 * database has no file here, and the working directory differs between the application, a deploy
 * script and each operator's shell, which would scatter one database's backups. So every process of
 * one user finds them in one folder per server: {@code $XDG_STATE_HOME/migrator/backups/<host>-<port>}
 * (by default {@code ~/.local/state/migrator/backups/...}); file names carry the database's name.
 * A relative {@code backup.directory} is resolved against the working directory, as any path.
 */
public final class ServerBackupFolder {

	private ServerBackupFolder() {
	}

	/** The configured folder made absolute, or the default one for this server. */
	public static Path resolve(Path configured, String host, int port) {
		if (configured != null) {
			return configured.toAbsolutePath();
		}
		return defaultFolder(System.getenv("XDG_STATE_HOME"), System.getProperty("user.home"), host, port);
	}

	static Path defaultFolder(String stateHome, String userHome, String host, int port) {
		Path base = (stateHome != null && !stateHome.isBlank() && Path.of(stateHome).isAbsolute()) ? Path.of(stateHome)
				: Path.of(userHome, ".local", "state");
		// a host is a name or an address; ':' of IPv6 and anything odd become '_' in a folder name
		String server = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_") + "-" + port;
		return base.resolve("migrator").resolve("backups").resolve(server).toAbsolutePath();
	}

}
