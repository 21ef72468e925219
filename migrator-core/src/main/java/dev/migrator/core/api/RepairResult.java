package dev.migrator.core.api;

import java.util.List;

/**
 * What a repair changed in the history: failed entries removed (forgotten: the next migrate runs
 * them again), checksums realigned, and failed migrations marked applied (finished by hand).
 */
public record RepairResult(List<MigrationVersion> removedFailed, List<MigrationVersion> realigned,
		List<MigrationVersion> markedApplied) {

	public RepairResult {
		removedFailed = List.copyOf(removedFailed);
		realigned = List.copyOf(realigned);
		markedApplied = List.copyOf(markedApplied);
	}

	public RepairResult(List<MigrationVersion> removedFailed, List<MigrationVersion> realigned) {
		this(removedFailed, realigned, List.of());
	}

}
