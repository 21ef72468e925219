package dev.migrator.core.internal.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where backups go and how long they stay. A backup is deleted only when it is both beyond the
 * newest {@code retentionCount} of its database and older than {@code retentionAge}.
 * @param directory the folder holding the backups, created on first use
 * @param compress whether backups are stored gzipped ({@code .db.gz})
 * @param retentionCount how many of the newest backups of a database are always kept
 * @param retentionAge backups younger than this are always kept
 */
public record BackupSettings(Path directory, boolean compress, int retentionCount, Duration retentionAge) {

	public static final int DEFAULT_RETENTION_COUNT = 10;

	public static final Duration DEFAULT_RETENTION_AGE = Duration.ofDays(30);

	public BackupSettings {
		Objects.requireNonNull(directory, "directory");
		Objects.requireNonNull(retentionAge, "retentionAge");
		if (retentionCount < 0) {
			throw new IllegalArgumentException("backup retention count must be 0 or more, not " + retentionCount);
		}
		if (retentionAge.isNegative()) {
			throw new IllegalArgumentException("backup retention age must not be negative, not " + retentionAge);
		}
	}

	/** Uncompressed backups in the directory, kept by the default retention. */
	public static BackupSettings in(Path directory) {
		return new BackupSettings(directory, false, DEFAULT_RETENTION_COUNT, DEFAULT_RETENTION_AGE);
	}

}
