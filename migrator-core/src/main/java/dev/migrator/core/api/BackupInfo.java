package dev.migrator.core.api;

import java.time.Instant;

/**
 * A backup in the backup directory.
 *
 * @param id the file name: what {@code restore(id)} takes
 * @param created when it was taken
 * @param version the schema version it holds
 * @param size its size in bytes, as stored
 * @param verified whether its checksum still matches the one recorded when it was verified
 * @param checksum SHA-256 of the file as stored
 */
public record BackupInfo(String id, Instant created, String version, long size, boolean verified, String checksum) {
}
