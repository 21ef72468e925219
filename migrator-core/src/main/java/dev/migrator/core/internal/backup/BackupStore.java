package dev.migrator.core.internal.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import dev.migrator.core.api.BackupInfo;

/**
 * Verified backups of one database, by the database's own means: the plug-in point a dialect fills
 * where it can copy the database safely while it is in use.
 */
public interface BackupStore {

	/** The folder the backups are kept in. */
	Path directory();

	/** Takes a verified backup; throws, leaving nothing behind and the database unchanged, if it cannot. */
	BackupInfo backup(Connection connection, String version);

	/** An uncompressed verified copy at {@code target}, for a dry run; the caller deletes it. */
	Path copyForDryRun(Connection connection, Path target);

	/** The backups, newest first, each checked against its recorded checksum. */
	List<BackupInfo> list();

	/** Deletes what retention no longer keeps, never {@code keepId}; returns the ids deleted. */
	List<String> prune(String keepId);

	/** Puts a listed backup back, after a safety backup of the current state. */
	RestoreResult restore(Connection connection, String id, String currentVersion);

	/**
	 * Whether a backup of the connection's database at this version is there already: only then is it
	 * worth reading the whole database for a state fingerprint (a deploy of a new version never finds one).
	 */
	default boolean hasBackupAt(Connection connection, String version) {
		return false;
	}

	/** Records what state a backup holds (a fingerprint of schema and rows), for {@link #sameState}. */
	default void recordState(String id, String fingerprint) {
	}

	/**
	 * A backup of the connection's database at this version that was recorded holding this state and
	 * is still intact; empty if there is none (or the store does not reuse backups).
	 */
	default Optional<BackupInfo> sameState(Connection connection, String version, String fingerprint) {
		return Optional.empty();
	}

	/** How a person puts the backup back, for error messages (when the automatic restore failed). */
	default String restoreByHand(String id) {
		return "restore it by hand with restore(\"" + id + "\")";
	}

}
