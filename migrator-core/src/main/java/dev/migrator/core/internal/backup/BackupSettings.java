package dev.migrator.core.internal.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.migrator.core.api.Configuration;

/**
 * Where backups go and how long they stay. A backup is deleted when it is both beyond the newest
 * {@code retentionCount} of its database and older than {@code retentionAge}, or, whatever its age,
 * beyond the ceilings {@code maxCount} and {@code maxTotalSize}.
 * @param directory the folder holding the backups, created on first use
 * @param compress whether backups are stored gzipped ({@code .db.gz})
 * @param retentionCount how many of the newest backups of a database are always kept
 * @param retentionAge backups younger than this are kept, up to the ceilings
 * @param maxCount at most this many backups of a database are kept, whatever their age
 * @param maxTotalSize at most this many bytes of backups of a database are kept, whatever their age;
 * 0 means {@value #AUTO_TOTAL_SIZE_FACTOR} times the newest backup
 */
public record BackupSettings(Path directory, boolean compress, int retentionCount, Duration retentionAge, int maxCount,
		long maxTotalSize) {

	/** With {@code maxTotalSize} 0, the ceiling is this many times the newest backup's size. */
	public static final int AUTO_TOTAL_SIZE_FACTOR = 10;

	public static final int DEFAULT_RETENTION_COUNT = 10;

	public static final Duration DEFAULT_RETENTION_AGE = Duration.ofDays(30);

	public static final int DEFAULT_MAX_COUNT = Configuration.Backup.DEFAULTS.maxCount();

	public BackupSettings {
		Objects.requireNonNull(directory, "directory");
		Objects.requireNonNull(retentionAge, "retentionAge");
		if (retentionCount < 0) {
			throw new IllegalArgumentException("backup retention count must be 0 or more, not " + retentionCount);
		}
		if (retentionAge.isNegative()) {
			throw new IllegalArgumentException("backup retention age must not be negative, not " + retentionAge);
		}
		if (maxCount < 1 || maxTotalSize < 0) {
			throw new IllegalArgumentException("backup ceilings must be at least 1 file and 0 bytes (automatic), not "
					+ maxCount + " and " + maxTotalSize);
		}
	}

	/** With the default ceilings. */
	public BackupSettings(Path directory, boolean compress, int retentionCount, Duration retentionAge) {
		this(directory, compress, retentionCount, retentionAge, DEFAULT_MAX_COUNT, 0);
	}

	/** The settings a store works with, from the configuration's. */
	public static BackupSettings of(Path directory, Configuration.Backup backup, boolean compress) {
		return new BackupSettings(directory, compress, backup.retentionCount(), backup.retentionAge(), backup.maxCount(),
				backup.maxTotalSize());
	}

	/** The ceiling in bytes, given the size of the newest backup. */
	long maxTotalSize(long newest) {
		return (this.maxTotalSize > 0) ? this.maxTotalSize : AUTO_TOTAL_SIZE_FACTOR * newest;
	}

	/** Uncompressed backups in the directory, kept by the default retention. */
	public static BackupSettings in(Path directory) {
		return new BackupSettings(directory, false, DEFAULT_RETENTION_COUNT, DEFAULT_RETENTION_AGE);
	}

}
