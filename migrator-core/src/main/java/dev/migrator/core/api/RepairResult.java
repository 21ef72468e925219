package dev.migrator.core.api;

import java.util.List;

/** What {@code repair()} changed in the history: failed entries removed, checksums realigned. */
public record RepairResult(List<MigrationVersion> removedFailed, List<MigrationVersion> realigned) {

	public RepairResult {
		removedFailed = List.copyOf(removedFailed);
		realigned = List.copyOf(realigned);
	}

}
