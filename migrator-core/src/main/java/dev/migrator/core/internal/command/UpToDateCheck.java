package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.internal.history.HistoryStore.RowSummary;
import dev.migrator.core.internal.resolve.MigrationIndexFile;
import dev.migrator.core.internal.resolve.MigrationIndexFile.IndexedMigration;

/**
 * An up-to-date start in one comparison: the build-time index of the code's migrations (when fresh)
 * against the history's rows, read without their timestamps. It answers only "exactly equal": every
 * migration applied with its checksum, type and description, no other row (baseline, failed, rolled
 * back, unknown), and no migration the log records as applied without a row. Anything else, however
 * harmless, is left to {@link MigrationStates}, which reads the files and says what differs.
 */
final class UpToDateCheck {

	private UpToDateCheck() {
	}

	/** The current version when the index and the history agree on everything; empty to take the full way. */
	static Optional<MigrationVersion> viaIndex(Session session) throws SQLException {
		Optional<List<IndexedMigration>> indexed = MigrationIndexFile.readFresh(session.configuration());
		if (indexed.isEmpty() || indexed.get().isEmpty()) {
			return Optional.empty();
		}
		List<RowSummary> rows = session.history().summaries(session.connection());
		if (rows == null || rows.size() != indexed.get().size()) {
			return Optional.empty();
		}
		Map<MigrationVersion, RowSummary> byVersion = new HashMap<>();
		rows.forEach((row) -> byVersion.put(row.version(), row));
		MigrationVersion current = MigrationVersion.EMPTY;
		for (IndexedMigration code : indexed.get()) {
			RowSummary row = byVersion.get(code.version());
			if (row == null || !Status.APPLIED.value().equals(row.status())
					|| !code.type().name().equalsIgnoreCase(row.type()) || !Objects.equals(code.checksum(), row.checksum())
					|| !code.description().equals(row.description())) {
				return Optional.empty();
			}
			if (!code.version().isRepeatable() && code.version().compareTo(current) > 0) {
				current = code.version();
			}
		}
		if (byVersion.size() != rows.size()
				|| session.history().appliedButMissingAny(session.connection(), byVersion.keySet())) {
			return Optional.empty();
		}
		return Optional.of(current);
	}

}
