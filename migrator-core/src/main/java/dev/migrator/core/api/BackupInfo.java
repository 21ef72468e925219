package dev.migrator.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One backup of the database, as a listing shows it.
 * @param id the backup's file name, which is also what a restore asks for
 * @param created when the backup was taken, to the second
 * @param version the schema version the database had when the backup was taken
 * @param size the size in bytes of the file as stored (compressed or not)
 * @param verified whether the file's SHA-256 still matches the one recorded when it was taken
 * @param checksum the SHA-256 recorded when the backup was taken (hex), or {@code null} if none was found
 */
public record BackupInfo(String id, Instant created, String version, long size, boolean verified, String checksum) {

	public BackupInfo {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(created, "created");
		Objects.requireNonNull(version, "version");
	}

}
